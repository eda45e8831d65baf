// The calculator page: hands the form to the worker and draws the answer. All parsing, statistics and Danish
// wording happen in Python (the `calculators` package); this file only moves text and builds the DOM.

// This module is loaded from the page's <head> and starts the worker (and with it Pyodide) before anything
// else, while the page is still being parsed; the form is wired up once it exists (see attach() below).

const SVG = "http://www.w3.org/2000/svg";
const COLUMNS = ["Indikator", "Antal", "Rate pr. 1.000", "95 % sikkerhedsinterval", "Klyngens median",
  "Placering i klyngen", "Vurdering"];
// Far more than any practice's fee codes fill (a few hundred bytes); beyond it a paste is the wrong file.
const MAX_INPUT_BYTES = 2_000_000;
// A load with no answer from the site for this long will not finish (the worker reports every answer).
const LOAD_TIMEOUT_MS = 50_000;
const CONTACT = "Sker det igen, så skriv til midtkraft@stab.rm.dk. Jeres tal er ikke sendt nogen steder hen.";
const WORKER_MISSING = `Beregneren kunne ikke hentes fra sitet. Tryk «Prøv igen», eller genindlæs siden. ${CONTACT}`;
const TIMED_OUT = "Sitet har ikke svaret beregneren i 50 sekunder. Det kan skyldes en langsom forbindelse eller en " +
  `fejl på sitet. Tryk «Prøv igen», eller genindlæs siden. ${CONTACT}`;
const FRAMED = "Beregneren virker kun, når siden er åbnet direkte på MidtKrafts site, ikke inde i et andet site. " +
  "Åbn siden i et nyt vindue, før I indtaster tal.";

// Another site could lay its own fields over a framed calculator; a frame of our own origin is harmless.
function framedByAnotherOrigin() {
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
function startWorker() {
  const module = new URL("./worker.mjs", import.meta.url).href;
  const wrapper = URL.createObjectURL(new Blob([`import ${JSON.stringify(module)};`], { type: "text/javascript" }));
  const worker = new Worker(wrapper, { type: "module" });
  worker.addEventListener("message", () => URL.revokeObjectURL(wrapper), { once: true });
  worker.addEventListener("error", () => URL.revokeObjectURL(wrapper), { once: true });
  return worker;
}

const framed = framedByAnotherOrigin();
const firstWorker = framed ? null : startWorker();

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function svgElement(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

// Nothing typed is stored anywhere: the fields have no name (so no URL or autofill can carry them) and this
// script writes no storage. Closing the tab forgets the numbers.
class Calculator {
  constructor(root, worker) {
    this.root = root;
    this.form = root.querySelector("[data-form]");
    this.fields = Object.fromEntries([...root.querySelectorAll("[data-field]")].map((f) => [f.dataset.field, f]));
    this.submitButton = root.querySelector("[data-submit]");
    this.retryButton = root.querySelector("[data-retry]");
    this.status = root.querySelector("[data-status]");
    this.statusText = root.querySelector("[data-status-text]");
    this.error = root.querySelector("[data-error]");
    this.warnings = root.querySelector("[data-warnings]");
    this.result = root.querySelector("[data-result]");
    this.nextId = 0;
    this.csv = "";

    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.retryButton.addEventListener("click", () => {
      this.clearErrors();
      this.start(startWorker());
    });
    root.querySelector("[data-download]").addEventListener("click", () => this.download());
    root.querySelector("[data-print]").addEventListener("click", () => window.print());
    this.start(worker);
  }

  start(worker) {
    this.worker?.terminate();
    this.worker = worker;
    this.state = "loading";
    this.submitButton.disabled = true;
    this.retryButton.hidden = true;
    this.setStatus("Beregneren indlæses …", true);
    worker.onmessage = ({ data }) => this.receive(data);
    worker.onerror = () => this.failed(WORKER_MISSING);
    this.keepWaiting();
    worker.postMessage({ type: "init", reference: new URL(this.root.dataset.reference, document.baseURI).href });
  }

  keepWaiting() {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.failed(TIMED_OUT), LOAD_TIMEOUT_MS);
  }

  setStatus(text, busy) {
    this.statusText.textContent = text;
    this.status.classList.toggle("is-busy", busy);
  }

  receive(message) {
    if (message.type === "progress" && this.state === "loading") {
      this.keepWaiting();
    } else if (message.type === "ready" && this.state === "loading") {
      clearTimeout(this.watchdog);
      this.state = "ready";
      this.submitButton.disabled = false;
      this.setStatus("Klar", false);
    } else if (message.type === "failed") {
      this.failed(message.message);
    } else if (message.type === "result" && message.id === this.nextId && this.state === "ready") {
      this.root.dataset.computeMilliseconds = message.milliseconds.toFixed(1);
      this.setStatus("Klar", false);
      this.show(message.response);
    }
  }

  // A failed calculator stays failed (Beregn stays disabled) until "Prøv igen" starts a new worker.
  failed(text) {
    if (this.state === "failed") return;
    clearTimeout(this.watchdog);
    this.state = "failed";
    this.worker.terminate();
    this.submitButton.disabled = true;
    this.clearResult();
    this.setStatus("Beregneren kunne ikke indlæses", false);
    this.showError(text, null);
    this.retryButton.hidden = false;
  }

  submit() {
    if (this.state !== "ready") return;
    const request = { cluster_id: this.fields.cluster.value, listed: this.fields.listed.value, text: this.fields.text.value };
    this.clearErrors();
    const bytes = new Blob([request.text]).size;
    if (bytes > MAX_INPUT_BYTES) {
      this.clearResult();
      this.showError(`Teksten fylder ${danishNumber(bytes / 1e6)} MB, men beregneren kan højst tage 2 MB. ` +
        "Indsæt kun linjerne med ydelseskoder og antal.", "text");
      return;
    }
    this.nextId += 1;
    this.setStatus("Beregner …", true);
    this.worker.postMessage({ type: "compute", id: this.nextId, request });
  }

  clearErrors() {
    this.error.replaceChildren();
    for (const field of Object.values(this.fields)) {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-errormessage");
    }
  }

  // An error must never leave the previous numbers on screen as if they answered the new input.
  clearResult() {
    this.rendering = null; // stops a chart loop still drawing the old result
    this.csv = "";
    this.result.hidden = true;
    for (const part of this.result.querySelectorAll("[data-context], [data-summary], [data-table], [data-charts]")) {
      part.replaceChildren();
    }
    this.warnings.replaceChildren();
  }

  showError(text, fieldName, all = []) {
    this.error.replaceChildren(element("p", { id: "calc-error-message" }, screenLength(text)));
    for (const extra of all.slice(1)) this.error.append(element("p", {}, screenLength(extra.error)));
    const names = all.length ? all.map((item) => item.field) : [fieldName];
    for (const name of names) {
      const field = this.fields[name];
      if (!field) continue;
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-errormessage", "calc-error-message");
    }
    const first = this.fields[fieldName];
    if (first) first.focus();
  }

  async show(response) {
    this.warnings.replaceChildren();
    if (!response.ok) {
      this.clearResult();
      this.showError(response.error, response.field, response.errors || []);
      return;
    }
    if (response.warnings.length) {
      this.warnings.append(element("p", {}, "Bemærk:"),
        element("ul", {}, ...response.warnings.map((text) => element("li", {}, screenLength(text)))));
    }
    const result = response.result;
    this.csv = response.csv;
    this.result.querySelector("[data-context]").textContent = [
      result.cluster.name, `${result.listed_text} tilmeldte patienter`, result.period,
      result.fictitious ? "klyngens tal er fiktive data" : "",
    ].filter(Boolean).join(" · ");
    this.result.querySelector("[data-summary]").replaceChildren(
      ...result.summary.map((sentence) => element("p", {}, sentence)));
    this.result.querySelector("[data-table]").replaceChildren(resultTable(result));
    const charts = this.result.querySelector("[data-charts]");
    charts.replaceChildren();
    this.result.hidden = false;
    this.result.focus();
    // One chart per task: with a large cluster each chart is thousands of SVG nodes, and drawing them all at
    // once would block the page for longer than a person notices (the 50 ms long-task limit).
    const rendering = (this.rendering = {});
    for (const indicator of result.indicators) {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))); // paint first
      if (rendering !== this.rendering) return; // a newer result or an error has arrived
      charts.append(chart(indicator, result));
    }
  }

  download() {
    if (!this.csv) return;
    const link = element("a", { href: URL.createObjectURL(new Blob([this.csv], { type: "text/csv;charset=utf-8" })),
      download: `midtkraft-${this.root.dataset.reference.split("/").pop().replace(".json", "")}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }
}

// Framed by another site: the form goes away before anyone can type into it, and no worker is started.
function refuseToRun(root) {
  root.querySelector("[data-form]").hidden = true;
  root.querySelector("[data-status]").classList.remove("is-busy");
  root.querySelector("[data-status-text]").textContent = "Beregneren er slået fra her";
  root.querySelector("[data-error]").replaceChildren(element("p", {}, FRAMED));
}

// Python words every message; a message that lists thousands of line numbers would still take seconds to lay
// out on the main thread, so the page shows its start only (the whole list helps nobody read it).
const MAX_MESSAGE_LENGTH = 400;
function screenLength(text) {
  if (text.length <= MAX_MESSAGE_LENGTH) return text;
  const cut = text.lastIndexOf(", ", MAX_MESSAGE_LENGTH);
  return `${text.slice(0, cut > 0 ? cut : MAX_MESSAGE_LENGTH)} …`;
}

function resultTable(result) {
  const head = element("tr", {}, ...COLUMNS.map((name) => element("th", { scope: "col" }, name)));
  const rows = result.indicators.map((indicator) => {
    const verdict = element("td", { class: `verdict verdict--${indicator.verdict_key}` }, indicator.verdict_text);
    if (indicator.caution) verdict.append(element("br"), element("small", {}, indicator.caution));
    return element("tr", {},
      element("th", { scope: "row" }, indicator.name),
      element("td", { class: "number" }, indicator.count_text),
      element("td", { class: "number" }, indicator.rate_text),
      element("td", { class: "number" }, indicator.interval_text),
      element("td", { class: "number" }, indicator.cluster_stats_text.median),
      element("td", {}, indicator.position_text),
      verdict);
  });
  const table = element("table", { class: "calculator-table" },
    element("caption", {}, "Jeres rater pr. 1.000 patienter"),
    element("thead", {}, head), element("tbody", {}, ...rows));
  return element("div", { class: "md-typeset__table" }, table);
}

// A funnel plot: each practice of the cluster as a dot by list size and rate, the cluster's pooled rate as a
// line, its 95 % and 99,8 % limits as the funnel, and this practice marked with its own 95 % interval.
function chart(indicator, result) {
  const { practices, practice, pooled_rate: pooled, funnel } = indicator.chart;
  const width = 640, height = 280, left = 64, right = 16, top = 16, bottom = 44;
  const sizes = [...practices.map((p) => p.listed), practice.listed];
  const rates = [...practices.map((p) => p.rate), practice.rate, practice.upper, pooled];
  const xMin = Math.min(...sizes) * 0.95, xMax = Math.max(...sizes) * 1.05;
  const yMax = Math.max(...rates, ...funnel.map((f) => f.high_95)) * 1.08 || 1;
  const x = (n) => left + ((n - xMin) / (xMax - xMin || 1)) * (width - left - right);
  const y = (r) => top + (1 - Math.min(r, yMax) / yMax) * (height - top - bottom);
  const captionId = `calc-chart-${indicator.id}`;
  const svg = svgElement("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": captionId, class: "calculator-chart" });

  for (const tick of niceTicks(0, yMax, 5)) {
    svg.append(svgElement("line", { x1: left, x2: width - right, y1: y(tick), y2: y(tick), class: "grid" }));
    const label = svgElement("text", { x: left - 6, y: y(tick) + 4, "text-anchor": "end" });
    label.textContent = danishNumber(tick);
    svg.append(label);
  }
  for (const tick of niceTicks(xMin, xMax, 5)) {
    const label = svgElement("text", { x: x(tick), y: height - bottom + 16, "text-anchor": "middle" });
    label.textContent = danishNumber(tick);
    svg.append(label);
  }
  const axisLabel = svgElement("text", { x: (left + width - right) / 2, y: height - 6, "text-anchor": "middle" });
  axisLabel.textContent = "Antal tilmeldte patienter";
  svg.append(axisLabel);

  const line = (key, cls) => svgElement("polyline", {
    points: funnel.map((f) => `${x(f.listed)},${y(f[key])}`).join(" "), class: cls });
  svg.append(line("low_998", "limit limit--998"), line("high_998", "limit limit--998"),
    line("low_95", "limit limit--95"), line("high_95", "limit limit--95"),
    svgElement("line", { x1: left, x2: width - right, y1: y(pooled), y2: y(pooled), class: "pooled" }));
  for (const p of practices) svg.append(svgElement("circle", { cx: x(p.listed), cy: y(p.rate), r: 4, class: "practice" }));
  const px = x(practice.listed);
  svg.append(svgElement("line", { x1: px, x2: px, y1: y(practice.lower), y2: y(practice.upper), class: "yours-interval" }),
    svgElement("rect", { x: px - 6, y: y(practice.rate) - 6, width: 12, height: 12, class: "yours",
      transform: `rotate(45 ${px} ${y(practice.rate)})` }));

  const caption = element("figcaption", { id: captionId },
    element("strong", {}, indicator.name), ": ",
    `hver cirkel er en af klyngens ${indicator.m} praksis, placeret efter antal tilmeldte patienter og rate pr. 1.000. `,
    `Jeres praksis er romben med jeres 95 % sikkerhedsinterval: rate ${indicator.rate_text} (${indicator.interval_text}). `,
    `Den vandrette linje er klyngens samlede rate, ${indicator.pooled_rate_text}; de stiplede linjer er grænserne for, `,
    `hvad der kan skyldes tilfældigheder (95 % og 99,8 %). ${indicator.position_sentence} Vurdering: ${indicator.verdict_text}.`);
  return element("figure", { class: "calculator-figure" }, svg, caption);
}

// Axis labels only (all other numbers come formatted from Python): 1.234 and 12,5. Intl.NumberFormat would do,
// but creating one costs tens of milliseconds on the main thread.
function danishNumber(value) {
  const [whole, fraction] = (Math.round(value * 10) / 10).toFixed(1).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return fraction === "0" ? grouped : `${grouped},${fraction}`;
}

function niceTicks(low, high, count) {
  const span = high - low || 1;
  const step0 = Math.pow(10, Math.floor(Math.log10(span / count)));
  const step = [1, 2, 5, 10].map((m) => m * step0).find((s) => span / s <= count) || step0 * 10;
  const ticks = [];
  for (let value = Math.ceil(low / step) * step; value <= high; value += step) ticks.push(value);
  return ticks;
}


function attach() {
  const root = document.querySelector("[data-calculator]");
  if (!root) return;
  if (framed) refuseToRun(root);
  else new Calculator(root, firstWorker);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attach);
else attach();
