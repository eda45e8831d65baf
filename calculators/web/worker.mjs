// The calculators' module worker: one per start of the calculator. It loads the self-hosted Pyodide and the
// `calculators` package once, then answers the page's compute requests. Nothing here talks to any host but the
// site, and the page makes sure nothing could: it starts this module from a blob: wrapper, so the page's own
// Content-Security-Policy governs the worker (connect-src 'self'), even on a host that sends no headers.
import { DOWNLOADS, PYODIDE, loadPyodide } from "./pyodide_location.mjs"; // written at build time
import { LOAD_FAILED, UNEXPECTED } from "./page_constants.mjs"; // written at build time
import { countingFetch } from "./download_progress.mjs";

performance.mark("worker-module"); // its imports have arrived (the start-up timeline of `make bench`, see marked)

let failed = false;
function fail(error) {
  console.warn(error);
  if (failed) return;
  failed = true;
  self.postMessage({ type: "failed", message: LOAD_FAILED });
}
// Pyodide reports some load faults (a missing or truncated WebAssembly file) by throwing inside its own
// callbacks rather than by rejecting loadPyodide(); without these the page would wait forever.
self.addEventListener("error", (event) => fail(event.error || event.message));
self.addEventListener("unhandledrejection", (event) => fail(event.reason));

// The service worker leaves the WebAssembly to the browser's HTTP cache (overrides/sw.js says why) but keeps a copy
// of it for use without a network. That copy is taken here when the network fails, or has not answered within the
// service worker's patience for pages (a line that is there but carries nothing); with no copy, a first visit
// waits for the network as long as it takes.
const NETWORK_PATIENCE_MS = 4000;
const nativeFetch = self.fetch.bind(self);
async function fetchOrOfflineCopy(resource, ...options) {
  const url = new URL(resource.url ?? resource, self.location.href).href;
  const offlineCopy = async () => (self.caches ? self.caches.match(url) : undefined);
  const network = nativeFetch(resource, ...options);
  network.catch(() => {}); // once the copy has answered, a failed network is no one's business
  let timer;
  const patience = new Promise((resolve) => { timer = setTimeout(resolve, NETWORK_PATIENCE_MS); }).then(offlineCopy);
  try {
    return (await Promise.race([network, patience])) || (await network);
  } catch (error) {
    const copy = await offlineCopy();
    if (copy) return copy;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

// Every answer from the site is progress: the page's watchdog waits for the next one, so a slow line or a busy
// computer may take its time, while a request that is never answered ends in a message. The bytes of each answer
// are counted as they arrive, for the page's progress bar (Pyodide's own module, imported rather than fetched,
// is not among them).
const counted = countingFetch(fetchOrOfflineCopy, DOWNLOADS,
  ({ received, total }) => self.postMessage({ type: "progress", received, total }),
  (problem) => fail(new Error(problem))); // a refused or short Pyodide file: said at once, not after the watchdog
self.fetch = (...request) => counted(...request).then((response) => {
  self.postMessage({ type: "progress" });
  return response;
});

async function fetchOk(url, as) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response[as]();
}

// Each stage of the start as a performance mark, for the start-up timeline of `make bench` (benchmarks/timeline.py).
function marked(name) {
  return (value) => {
    performance.mark(name);
    return value;
  };
}

// Pyodide and the package start loading the moment the worker exists; the reference data follow the page's
// first message, which names them.
const python = loadPyodide({ indexURL: PYODIDE }).then(marked("pyodide-loaded"));
const runtime = Promise.all([
  python,
  fetchOk(new URL("./calculators.zip", import.meta.url), "arrayBuffer"),
]).then(([pyodide, archive]) => {
  pyodide.unpackArchive(archive, "zip", { extractDir: "/home/pyodide/calculators-package" });
  pyodide.runPython('import sys\nsys.path.insert(0, "/home/pyodide/calculators-package")');
  return pyodide;
}).then(marked("package-unpacked"));

let ready = null;

// Right after »Klar« the worker answers a few presses of its own (calculators/warm_up.py says why), each as a
// task of its own: a person's press, queued as a message, waits for at most one of them, never for all. The first
// also imports the page's calculator (~0,1 s in Pyodide), which calculators.door leaves until it is asked for, so
// that it does not hold back »Klar«.
function warmUp(handle) {
  const requests = JSON.parse(handle("warm_up", "{}"));
  const answerNext = () => {
    const request = requests.shift();
    if (request === undefined) {
      performance.mark("warm-up-done");
      return;
    }
    try {
      JSON.parse(handle("compare", request));
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
    // A page without reference data (the follow-up calculator) sends none. The one door into Python,
    // calculators.door.handle_json, gets the request and the reference data as JSON text and answers JSON text.
    const referenceText = data.reference ? fetchOk(data.reference, "text").then(marked("reference-loaded")) : null;
    ready = Promise.all([runtime, referenceText]).then(([pyodide, reference]) => {
      const handleJson = pyodide.pyimport("calculators.door").handle_json;
      performance.mark("package-imported");
      return (kind, request) => handleJson(kind, request, reference);
    });
    ready.then(
      (handle) => {
        self.postMessage({ type: "ready" });
        performance.mark("ready");
        warmUp(handle);
      },
      fail,
    );
  } else if (data.type === "compute") {
    const started = performance.now();
    let response;
    try {
      const handle = await ready;
      response = JSON.parse(handle(data.kind, JSON.stringify(data.request)));
    } catch (error) {
      console.warn(error);
      response = { ok: false, error: UNEXPECTED, field: null };
    }
    self.postMessage({ type: "result", id: data.id, response, milliseconds: performance.now() - started });
  }
};
