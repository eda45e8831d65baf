// ESLint for the site's own JavaScript (make test runs it before pytest): the recommended rules, which catch an
// unused import, a misspelt name or an unreachable branch before a browser test has to. Globals are listed by
// hand, per kind of script, so that a name one kind does not have (`document` in a worker) is an error.
import js from "@eslint/js";

const readonly = (names) => Object.fromEntries(names.map((name) => [name, "readonly"]));

// What every browser context here has: page, module worker and service worker alike.
const SHARED = readonly(["URL", "Blob", "Request", "Response", "TransformStream", "fetch", "console", "performance",
  "setTimeout", "clearTimeout", "queueMicrotask"]);
const PAGE = readonly(["window", "document", "location", "navigator", "Worker", "requestAnimationFrame",
  "HTMLElement"]);
const WORKER = readonly(["self", "caches"]);
const NODE = readonly(["process", "console", "performance"]);
// The calculators' module worker and what only it imports.
const WORKER_MODULES = ["calculators/web/worker.mjs", "calculators/web/download_progress.mjs"];

export default [
  { ignores: ["node_modules/", "site/", ".venv/", "benchmarks/out/"] },
  js.configs.recommended,
  {
    files: ["calculators/web/*.js", "calculators/web/*.mjs"],
    ignores: WORKER_MODULES,
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...SHARED, ...PAGE } },
  },
  {
    files: WORKER_MODULES,
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...SHARED, ...WORKER } },
  },
  {
    files: ["overrides/sw.js"], // a classic script: the service worker
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...SHARED, ...WORKER } },
  },
  {
    files: ["overrides/assets/*.js"], // classic scripts from mkdocs.yml's extra_javascript
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...SHARED, ...PAGE } },
  },
  {
    files: ["tests/**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: NODE },
  },
];
