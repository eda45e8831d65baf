// The first script of a calculator page (overrides/main.html names it before the page's own script): it starts the
// worker the moment it has loaded, so that Pyodide's downloads begin while the page is still parsed and the page
// script's modules are still arriving. worker_form.mjs takes this worker when the form mounts, and starts a new one
// for »Prøv igen«. Standing alone (no imports), it runs as early as the browser can run a module.

// Another site could lay its own fields over a framed calculator; a frame of our own origin is harmless.
export function framedByAnotherOrigin() {
  for (let frame = window; frame !== window.top; frame = frame.parent) {
    try {
      if (frame.parent.location.origin !== location.origin) return true;
    } catch {
      return true; // reading a foreign frame's location throws
    }
  }
  return false;
}

// A module worker takes its Content-Security-Policy from its own HTTP response, and a static host sends none.
// A worker started from a blob: URL inherits the page's policy instead, and the imports it makes keep it.
export function startWorker() {
  const module = new URL("./worker.mjs", import.meta.url).href;
  const wrapper = URL.createObjectURL(new Blob([`import ${JSON.stringify(module)};`], { type: "text/javascript" }));
  const worker = new Worker(wrapper, { type: "module" });
  worker.addEventListener("message", () => URL.revokeObjectURL(wrapper), { once: true });
  worker.addEventListener("error", () => URL.revokeObjectURL(wrapper), { once: true });
  return worker;
}

// Until the form takes the worker, what the worker says is kept, not lost: a load that fails at once (a missing
// file) says so while the page is still being parsed, and nobody would hear it.
const kept = new WeakMap();
function keepWhatItSays(worker) {
  const events = [];
  kept.set(worker, events);
  worker.onmessage = worker.onerror = (event) => events.push(event);
  return worker;
}

// The form's handlers for `worker`, and then what the worker said before there were any, in order. They are told
// once the form is built (a microtask runs before the worker's next message can): a failure heard in the middle of
// the form's constructor would meet a half-built form.
export function listen(worker, onMessage, onError) {
  worker.onmessage = onMessage;
  worker.onerror = onError;
  const events = kept.get(worker) || [];
  kept.delete(worker);
  if (events.length) {
    queueMicrotask(() => {
      for (const event of events) (event.type === "error" ? onError : onMessage)(event);
    });
  }
}

// Started at once unless another site frames the page (worker_form.mjs then refuses to run).
let started = framedByAnotherOrigin() ? null : keepWhatItSays(startWorker());

// The worker started with the page, the first time; a new one after that.
export function takeWorker() {
  const worker = started ?? startWorker();
  started = null;
  return worker;
}
