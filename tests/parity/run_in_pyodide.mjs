// Runs the parity cases in Pyodide under Node, with the `calculators` package installed the way the browser
// worker (calculators/web/worker.mjs) installs it: a zip of calculators/*.py unpacked into Pyodide's file
// system and put first on sys.path.
//
//   node run_in_pyodide.mjs <calculators.zip> <evaluate.py> <input.json> <output.json>
//
// Pyodide starts once; evaluate.py's evaluate_all() runs every case and returns JSON text, which is written
// out untouched (no JavaScript number ever stands between Python and the file).
import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "../../node_modules/pyodide/pyodide.mjs";

const EXTRACT_DIR = "/home/pyodide/calculators-package"; // the worker's

const [zipPath, evaluatePath, inputPath, outputPath] = process.argv.slice(2);
if (!outputPath) {
  console.error("usage: node run_in_pyodide.mjs <calculators.zip> <evaluate.py> <input.json> <output.json>");
  process.exit(2);
}

// Errors are reported briefly: Node's default report prints a line of the minified pyodide.asm.mjs, ~100 kB.
process.on("uncaughtException", (error) => {
  console.error(error?.stack ?? String(error));
  process.exit(1);
});

const started = performance.now();
const pyodide = await loadPyodide();
const loaded = performance.now();
// As the worker: an ArrayBuffer (what fetch(...).arrayBuffer() gives); Pyodide refuses a Node Buffer.
const bytes = readFileSync(zipPath);
const archive = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
pyodide.unpackArchive(archive, "zip", { extractDir: EXTRACT_DIR });
pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(EXTRACT_DIR)})`);
pyodide.runPython(readFileSync(evaluatePath, "utf8"));
const evaluateAll = pyodide.globals.get("evaluate_all");
const output = evaluateAll(readFileSync(inputPath, "utf8"));
evaluateAll.destroy();
writeFileSync(outputPath, output, "utf8");
const done = performance.now();
console.log(
  `Pyodide ${pyodide.version}: start ${((loaded - started) / 1000).toFixed(1)} s, ` +
    `cases ${((done - loaded) / 1000).toFixed(1)} s`,
);
