// The worker and the form of one calculator on a page: the worker (started by worker_start.js), the refusal to run
// in another site's frame, the worker's life cycle (loading with its progress and watchdog, ready, failed,
// "Prøv igen") and the form's status line and error messages. Each page script (calculator.js, overview.js,
// follow_up.js) subclasses WorkerForm: it builds its form's request and draws the answer; numbers and wording come
// from Python.
import { CONTACT, FRAMED, LOAD_FAILED, MAX_INPUT_BYTES, PASTE_TOO_LARGE } from "./page_constants.mjs"; // written at build time
import { danishNumber, megabytesOver } from "./danish_number.mjs";
import { element } from "./dom.mjs";
import { HeldPaste } from "./held_paste.mjs";
import { keepForOffline } from "./offline.mjs";
import { framedByAnotherOrigin, listen, startWorker, takeWorker } from "./worker_start.js";

// A load with no answer from the site for this long will not finish (the worker reports every answer).
const LOAD_TIMEOUT_MS = 50_000;
const TIMED_OUT = "Sitet har ikke svaret beregneren i 50 sekunder. Det kan skyldes en langsom forbindelse eller en " +
  `fejl på sitet. Tryk »Prøv igen«, eller genindlæs siden. ${CONTACT}`;
// A computation still running after a minute will not finish in any useful time (a hostile or far too large file):
// the worker is stopped and a new one started, and what was typed stays in the fields. A test may shorten the wait
// with the root's data-compute-timeout-ms.
const COMPUTE_TIMEOUT_MS = 60_000;
const COMPUTE_STOPPED = "Beregningen tog over et minut, så den er stoppet, og beregneren starter forfra. Jeres tal " +
  "står der stadig. Er teksten eller filen meget stor, så prøv med en mindre.";

// The worker's life cycle for one calculator on a page. A subclass posts requests with `compute(kind, request)`
// and draws answers in `show(response)`. Nothing typed is stored anywhere: the fields have no name (so no URL
// or autofill can carry them) and no script writes storage. Closing the tab forgets the numbers.
export class WorkerForm {
  constructor(root, worker) {
    this.root = root;
    this.form = root.querySelector("[data-form]");
    this.fields = Object.fromEntries([...root.querySelectorAll("[data-field]")].map((f) => [f.dataset.field, f]));
    // Each field's own help text; an error's message is added beside it while the error stands.
    this.helpIds = new Map(Object.values(this.fields).map((f) => [f, f.getAttribute("aria-describedby")]));
    // A text box may hold a paste too long to show (held_paste.mjs): read and write its text with textOf/setText.
    this.pastes = new Map(Object.entries(this.fields).filter(([, f]) => f.tagName === "TEXTAREA")
      .map(([name, f]) => [name, new HeldPaste(f)]));
    this.submitButton = root.querySelector("[data-submit]");
    this.retryButton = root.querySelector("[data-retry]");
    this.status = root.querySelector("[data-status]");
    this.statusText = root.querySelector("[data-status-text]");
    this.error = root.querySelector("[data-error]");
    // How many of the calculator's bytes have arrived (counted by the worker); hidden once the calculator is
    // ready or has failed. Without a value it shows that something is happening, until the first bytes arrive.
    this.progress = element("progress", { "aria-label": "Beregneren indlæses" });
    this.statusText.before(this.progress); // before the text, whose width changes as the numbers grow
    this.nextId = 0;

    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (this.state === "ready") this.submit();
    });
    this.retryButton.addEventListener("click", () => {
      this.clearErrors();
      this.start(startWorker());
    });
    this.start(worker);
  }

  start(worker) {
    this.worker?.terminate();
    this.worker = worker;
    this.state = "loading";
    this.submitButton.disabled = true;
    this.retryButton.hidden = true;
    this.setStatus("Beregneren indlæses …", true);
    this.keepWaiting();
    const reference = this.root.dataset.reference;
    worker.postMessage({ type: "init", reference: reference ? new URL(reference, document.baseURI).href : null });
    // Last: a worker started with the page may have failed already, and that must be the final word.
    listen(worker, ({ data }) => this.receive(data), () => this.failed(LOAD_FAILED));
  }

  keepWaiting() {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.failed(TIMED_OUT), LOAD_TIMEOUT_MS);
  }

  setStatus(text, busy) {
    this.statusText.textContent = text;
    this.status.classList.toggle("is-busy", busy);
    const loading = this.state === "loading";
    this.progress.hidden = !loading;
    // Up to ten changes a second while loading: a screen reader would queue them all. The status region is
    // marked busy meanwhile, so it announces where loading ends (»Klar« or the failure); the bar itself tells
    // anyone who asks how far it has come.
    if (loading) this.status.setAttribute("aria-busy", "true");
    else this.status.removeAttribute("aria-busy");
  }

  showProgress({ received, total }) {
    const text = received < total
      ? `Henter beregneren: ${megabytes(received)} af ${megabytes(total)} MB …`
      : "Starter beregneren …"; // every byte is in; Python unpacks and starts
    this.progress.max = total;
    this.progress.value = received;
    this.progress.setAttribute("aria-valuetext", text.replace(" …", ""));
    this.setStatus(text, true);
  }

  receive(message) {
    if (message.type === "progress" && this.state === "loading") {
      this.keepWaiting(); // every answer from the site counts; most also say how many bytes have arrived
      if (message.total) this.showProgress(message);
    } else if (message.type === "ready" && this.state === "loading") {
      clearTimeout(this.watchdog);
      this.state = "ready";
      this.submitButton.disabled = false;
      this.setStatus("Klar", false);
      this.ready();
      keepForOffline();
    } else if (message.type === "failed") {
      this.failed(message.message);
    } else if (message.type === "result" && message.id === this.nextId && this.state === "ready") {
      clearTimeout(this.computeWatchdog);
      this.root.dataset.computeMilliseconds = message.milliseconds.toFixed(1);
      this.setStatus("Klar", false);
      this.show(message.response, this.pendingKind);
    }
  }

  ready() {}

  textOf(name) {
    return this.pastes.get(name)?.text ?? this.fields[name].value;
  }

  setText(name, text) {
    if (this.pastes.has(name)) this.pastes.get(name).text = text;
    else this.fields[name].value = text;
  }

  // A failed calculator stays failed (Beregn stays disabled) until "Prøv igen" starts a new worker.
  failed(text) {
    if (this.state === "failed") return;
    clearTimeout(this.watchdog);
    clearTimeout(this.computeWatchdog);
    this.state = "failed";
    this.worker.terminate();
    this.submitButton.disabled = true;
    this.clearResult();
    this.setStatus("Beregneren kunne ikke indlæses", false);
    this.showError(text, null);
    this.retryButton.hidden = false;
  }

  // `kind` names the worker's Python entry point (see worker.mjs); `show` gets it back with the answer.
  compute(kind, request) {
    this.nextId += 1;
    this.pendingKind = kind; // only the newest request's answer is shown, so its kind is this one
    this.setStatus("Beregner …", true);
    clearTimeout(this.computeWatchdog);
    this.computeWatchdog = setTimeout(() => this.stopComputing(),
      Number(this.root.dataset.computeTimeoutMs) || COMPUTE_TIMEOUT_MS);
    this.worker.postMessage({ type: "compute", id: this.nextId, kind, request });
  }

  stopComputing() {
    this.clearResult();
    this.stopped();
    this.start(startWorker());
    this.showError(COMPUTE_STOPPED, null);
  }

  // What a subclass keeps to send again once ready (a chosen file) must be forgotten after a stopped computation,
  // or the fresh worker would get the same request and be stopped again, a minute at a time.
  stopped() {}

  // A pasted text beyond what the calculator takes is refused here, before it is copied to the worker: true, with
  // the field's message shown, when `name`'s text is too large.
  refuseLargePaste(name) {
    const bytes = new Blob([this.textOf(name)]).size;
    if (bytes <= MAX_INPUT_BYTES) return false;
    this.clearResult();
    this.showError(PASTE_TOO_LARGE.replace("{size}", megabytesOver(bytes)), name);
    return true;
  }

  clearErrors() {
    this.error.replaceChildren();
    for (const field of Object.values(this.fields)) {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-errormessage");
      const help = this.helpIds.get(field);
      if (help) field.setAttribute("aria-describedby", help);
      else field.removeAttribute("aria-describedby");
    }
  }

  clearResult() {}

  // Every message has an id, and each field it concerns points at it with aria-errormessage and also with
  // aria-describedby: a message inside the alert region is not itself an alert, and screen readers that ignore
  // aria-errormessage still read a description when the field gets focus.
  showError(text, fieldName, all = []) {
    const base = `${this.root.id || "calc"}-error-message`;
    const messages = all.length ? all : [{ field: fieldName, error: text }];
    this.error.replaceChildren(...messages.map((item, index) =>
      element("p", { id: index ? `${base}-${index + 1}` : base }, screenLength(index ? item.error : text))));
    messages.forEach((item, index) => {
      const field = this.fields[item.field];
      if (!field) return;
      const messageId = index ? `${base}-${index + 1}` : base;
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-errormessage", messageId);
      field.setAttribute("aria-describedby", [messageId, this.helpIds.get(field)].filter(Boolean).join(" "));
    });
    const first = this.fields[fieldName];
    if (first) first.focus();
  }
}

// 4,2 (MB) from 4.200.000 bytes: always one decimal, so the status line does not jump as the number grows.
function megabytes(bytes) {
  return danishNumber(bytes / 1e6, { decimal: true });
}

// Python words every message and keeps it short (a list of line numbers names three and counts the rest); this
// is the page's last guard, so that no message, however long, takes the main thread long to lay out.
const MAX_MESSAGE_LENGTH = 400;
export function screenLength(text) {
  if (text.length <= MAX_MESSAGE_LENGTH) return text;
  const cut = text.lastIndexOf(", ", MAX_MESSAGE_LENGTH);
  return `${text.slice(0, cut > 0 ? cut : MAX_MESSAGE_LENGTH)} …`;
}

// Framed by another site: the form goes away before anyone can type into it, and no worker is started. In a
// sandboxed frame no module loads at all; overrides/assets/opaque_origin.js does the same there.
function refuseToRun(root) {
  root.querySelector("[data-form]").hidden = true;
  root.querySelector("[data-status]").classList.remove("is-busy");
  root.querySelector("[data-status-text]").textContent = "Beregneren er slået fra her";
  root.querySelector("[data-error]").replaceChildren(element("p", {}, FRAMED));
}

// Starts the worker at once (this runs from <head>, while the page is parsed) and attaches `FormClass` to the
// element matching `selector` once it exists.
export function mount(selector, FormClass) {
  const framed = framedByAnotherOrigin();
  const worker = framed ? null : takeWorker();
  const attach = () => {
    const root = document.querySelector(selector);
    if (!root) {
      worker?.terminate();
      return;
    }
    if (framed) refuseToRun(root);
    else new FormClass(root, worker);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attach);
  else attach();
}
