// The calculator page: hands the form to the worker and draws the answer. All parsing, statistics and Danish
// wording happen in Python (the `calculators` package); this file only moves text and builds the DOM.

// This module is loaded from the page's <head> and starts the worker (and with it Pyodide) before anything
// else, while the page is still being parsed; the form is wired up once it exists (see attach() below).
const worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });

const STORAGE_KEY = "midtkraft-beregner:";
const SVG = "http://www.w3.org/2000/svg";
const COLUMNS = ["Indikator", "Antal", "Rate pr. 1.000", "95 % sikkerhedsinterval", "Klyngens median",
  "Placering i klyngen", "Vurdering"];

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

class Calculator {
  constructor(root, worker) {
    this.root = root;
    this.form = root.querySelector("[data-form]");
    this.fields = { cluster: this.form.elements.cluster, listed: this.form.elements.listed, text: this.form.elements.text };
    this.status = root.querySelector("[data-status]");
    this.statusText = root.querySelector("[data-status-text]");
    this.error = root.querySelector("[data-error]");
    this.warnings = root.querySelector("[data-warnings]");
    this.result = root.querySelector("[data-result]");
    this.storageKey = STORAGE_KEY + root.dataset.reference;
    this.isReady = false;
    this.pending = null;
    this.nextId = 0;
    this.csv = "";

    this.restoreInput();
    this.form.addEventListener("input", () => this.saveInput());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    root.querySelector("[data-download]").addEventListener("click", () => this.download());
    root.querySelector("[data-print]").addEventListener("click", () => window.print());

    this.worker = worker;
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = () => this.failed("Beregneren kunne ikke startes i denne browser. Prøv en nyere udgave af Chrome, Edge, Firefox eller Safari.");
    this.worker.postMessage({ type: "init", reference: new URL(root.dataset.reference, document.baseURI).href });
  }

  // What is typed survives a reload or a wrong click in this tab; sessionStorage stays in this browser tab
  // and is emptied when the tab closes.
  saveInput() {
    const values = Object.fromEntries(Object.entries(this.fields).map(([name, field]) => [name, field.value]));
    try {
      sessionStorage.setItem(this.storageKey, JSON.stringify(values));
    } catch {
      // Storage may be switched off; the form still works, it just forgets on reload.
    }
  }

  restoreInput() {
    let saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(this.storageKey));
    } catch {
      saved = null;
    }
    if (!saved) return;
    for (const [name, field] of Object.entries(this.fields)) {
      if (typeof saved[name] !== "string") continue;
      if (name === "cluster" && ![...field.options].some((option) => option.value === saved[name])) continue;
      field.value = saved[name];
    }
  }

  setStatus(text, busy) {
    this.statusText.textContent = text;
    this.status.classList.toggle("is-busy", busy);
  }

  receive(message) {
    if (message.type === "ready") {
      this.isReady = true;
      this.setStatus("Klar", false);
      if (this.pending) this.send(this.pending);
    } else if (message.type === "failed") {
      this.failed(message.message);
    } else if (message.type === "result" && message.id === this.nextId) {
      this.root.dataset.computeMilliseconds = message.milliseconds.toFixed(1);
      this.setStatus("Klar", false);
      this.show(message.response);
    }
  }

  failed(text) {
    this.setStatus("Beregneren kunne ikke indlæses", false);
    this.showError(text, null);
  }

  submit() {
    const request = { cluster_id: this.fields.cluster.value, listed: this.fields.listed.value, text: this.fields.text.value };
    this.clearErrors();
    if (this.isReady) {
      this.send(request);
    } else {
      this.pending = request;
      this.setStatus("Beregneren indlæses … jeres resultat vises, så snart den er klar.", true);
    }
  }

  send(request) {
    this.pending = null;
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

  showError(text, fieldName, all = []) {
    this.error.replaceChildren(element("p", { id: "calc-error-message" }, text));
    for (const extra of all.slice(1)) this.error.append(element("p", {}, extra.error));
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
      this.showError(response.error, response.field, response.errors || []);
      return;
    }
    if (response.warnings.length) {
      this.warnings.append(element("p", {}, "Bemærk:"),
        element("ul", {}, ...response.warnings.map((text) => element("li", {}, text))));
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
    for (const indicator of result.indicators.filter((item) => item.chart)) { // no chart when not computed
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))); // paint first
      if (rendering !== this.rendering) return; // a newer result has arrived
      charts.append(chart(indicator, result));
    }
  }

  download() {
    const link = element("a", { href: URL.createObjectURL(new Blob([this.csv], { type: "text/csv;charset=utf-8" })),
      download: `midtkraft-${this.root.dataset.reference.split("/").pop().replace(".json", "")}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }
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
  if (root) new Calculator(root, worker);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attach);
else attach();
