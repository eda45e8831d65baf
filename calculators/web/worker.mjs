// The calculators' module worker: one per start of the calculator. It loads the self-hosted Pyodide and the
// `calculators` package once, then answers the page's compute requests. Nothing here talks to any host but the
// site, and the page makes sure nothing could: it starts this module from a blob: wrapper, so the page's own
// Content-Security-Policy governs the worker (connect-src 'self'), even on a host that sends no headers.
import { DOWNLOADS, PYODIDE, loadPyodide } from "./pyodide_location.mjs"; // written at build time
import { countingFetch } from "./download_progress.mjs";

// Every load failure is the site's, never the user's browser: say what to do, and that no number was sent.
const FAILED = "Beregneren kunne ikke hentes fra sitet. Tryk «Prøv igen», eller genindlæs siden. Sker det igen, " +
  "så skriv til midtkraft@stab.rm.dk. Jeres tal er ikke sendt nogen steder hen.";
const UNEXPECTED = "Der skete en uventet fejl i beregningen. Jeres tal er ikke sendt nogen steder hen. Prøv igen, eller skriv til midtkraft@stab.rm.dk.";

let failed = false;
function fail(error) {
  console.warn(error);
  if (failed) return;
  failed = true;
  self.postMessage({ type: "failed", message: FAILED });
}
// Pyodide reports some load faults (a missing or truncated WebAssembly file) by throwing inside its own
// callbacks rather than by rejecting loadPyodide(); without these the page would wait forever.
self.addEventListener("error", (event) => fail(event.error || event.message));
self.addEventListener("unhandledrejection", (event) => fail(event.reason));

// Every answer from the site is progress: the page's watchdog waits for the next one, so a slow line or a busy
// computer may take its time, while a request that is never answered ends in a message. The bytes of each answer
// are counted as they arrive, for the page's progress bar (Pyodide's own module, imported rather than fetched,
// is not among them).
const counted = countingFetch(self.fetch.bind(self), DOWNLOADS,
  ({ received, total }) => self.postMessage({ type: "progress", received, total }));
self.fetch = (...request) => counted(...request).then((response) => {
  self.postMessage({ type: "progress" });
  return response;
});

async function fetchOk(url, as) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response[as]();
}

// Pyodide and the package start loading the moment the worker exists; the reference data follow the page's
// first message, which names them.
const python = loadPyodide({ indexURL: PYODIDE });
const runtime = Promise.all([
  python,
  fetchOk(new URL("./calculators.zip", import.meta.url), "arrayBuffer"),
]).then(([pyodide, archive]) => {
  pyodide.unpackArchive(archive, "zip", { extractDir: "/home/pyodide/calculators-package" });
  pyodide.runPython(`
import json, sys
sys.path.insert(0, "/home/pyodide/calculators-package")
from calculators import follow_up, follow_up_table, run
from calculators.cluster_file_api import load_cluster_file
from calculators.cluster_file_compare import compare_with_file
from calculators.overview import overview
from calculators.warm_up import warm_up_requests

# The page names what to do; every entry point takes the request (with the page's reference data, if any) and
# answers {"ok": ...} with Danish messages.
ENTRY_POINTS = {"compare": run, "follow_up": follow_up, "follow_up_table": follow_up_table,
                "cluster_file": load_cluster_file, "compare_with_file": compare_with_file, "overview": overview}

def handle(kind, request_json, reference):
    request = json.loads(request_json)
    request["reference"] = reference
    if reference is not None:
        request.setdefault("indicators", reference["indicators"])
    return json.dumps(ENTRY_POINTS[kind](request), ensure_ascii=False)

def load_reference(text):
    return json.loads(text)
`);
  return pyodide;
});

let ready = null;

// Right after «Klar» the worker answers a few presses of its own (calculators/warm_up.py says why), each as a
// task of its own: a person's press, queued as a message, waits for at most one of them, never for all.
function warmUp(pyodide, handle, reference) {
  const proxy = pyodide.globals.get("warm_up_requests")(reference);
  const requests = proxy.toJs();
  proxy.destroy();
  const answerNext = () => {
    const request = requests.shift();
    if (request === undefined) return;
    try {
      JSON.parse(handle("compare", request, reference));
    } catch (error) {
      console.warn(error); // only a head start lost: a person's press goes its own way
      return;
    }
    setTimeout(answerNext, 0);
  };
  answerNext();
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    // A page without reference data (the follow-up calculator) sends none.
    const referenceText = data.reference ? fetchOk(data.reference, "text") : "null";
    ready = Promise.all([runtime, referenceText]).then(([pyodide, text]) => ({
      handle: pyodide.globals.get("handle"),
      reference: pyodide.globals.get("load_reference")(text),
    }));
    ready.then(
      ({ handle, reference }) => {
        self.postMessage({ type: "ready" });
        runtime.then((pyodide) => warmUp(pyodide, handle, reference));
      },
      fail,
    );
  } else if (data.type === "compute") {
    const started = performance.now();
    let response;
    try {
      const { handle, reference } = await ready;
      response = JSON.parse(handle(data.kind, JSON.stringify(data.request), reference));
    } catch (error) {
      console.warn(error);
      response = { ok: false, error: UNEXPECTED, field: null };
    }
    self.postMessage({ type: "result", id: data.id, response, milliseconds: performance.now() - started });
  }
};
