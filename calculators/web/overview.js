// "Klyngens overblik": the coordinator opens the cluster data file, and the worker's Python judges every practice
// per indicator; this file only moves text and builds the DOM (tables, labelled funnel charts, projector mode,
// CSV, print). The file's text stays in this page and is forgotten with it.
import { WorkerForm, mount } from "./worker_form.mjs";
import { watchFileInput } from "./cluster_file_input.mjs";
import { NARROW_WIDTH, acrossPlot, chartData, chartSvg, countCell, dataTable, dotMark, drawInTurn, funnelLines, legend,
  lineMark, narrowScreen, rateCell, sizeAxis, svgElement, svgText, tickCount, valueAxis } from "./chart.mjs";
import { downloadText, element } from "./dom.mjs";
import { standardisedPart } from "./verdict_table.mjs";


class Overview extends WorkerForm {
  constructor(root, worker) {
    super(root, worker);
    this.result = root.querySelector("[data-result]");
    this.text = null;
    this.csv = "";
    watchFileInput(root, this.fields.cluster_file, (text) => this.choose(text), (message) => this.refuse(message));
    root.querySelector("[data-download]").addEventListener("click", () => this.download());
    root.querySelector("[data-print]").addEventListener("click", () => window.print());
    this.projector = root.querySelector("[data-projector]");
    this.projector.addEventListener("click",
      () => this.setProjector(!document.body.classList.contains("overview-projector")));
    // Esc leaves projector mode, as it leaves a full screen.
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && document.body.classList.contains("overview-projector")) this.setProjector(false);
    });
  }

  choose(text) {
    this.text = text;
    if (this.state === "ready") this.submit();
  }

  ready() {
    if (this.text !== null) this.submit();
  }

  stopped() {
    this.text = null;
  }

  submit() {
    this.clearErrors();
    if (this.text === null) {
      this.showError("Vælg klyngens datafil først.", "cluster_file");
      return;
    }
    this.compute("overview", { text: this.text });
  }

  refuse(message) {
    this.text = null;
    this.clearResult();
    this.showError(message, "cluster_file");
  }

  clearResult() {
    this.stopDrawing?.(); // charts of the old file still waiting to be drawn
    this.csv = "";
    this.result.hidden = true;
    this.result.querySelector("[data-indicators]").replaceChildren();
    this.result.querySelector("[data-context]").replaceChildren();
    this.result.querySelector("[data-standardised-text]").replaceChildren();
  }

  show(response) {
    if (!response.ok) {
      this.refuse(response.error); // a bad file forgets the one shown before
      return;
    }
    const overview = response.overview;
    this.csv = response.csv;
    this.fileName = overview.cluster_name;
    this.result.querySelector("[data-heading]").textContent = `Klyngens overblik: ${overview.cluster_name}`;
    this.result.querySelector("[data-context]").textContent = overview.context;
    // Said once: what the standardised ratio beside each indicator's rates takes into account.
    this.result.querySelector("[data-standardised-text]").textContent = overview.standardised_text ?? "";
    const sections = this.result.querySelector("[data-indicators]");
    sections.replaceChildren();
    this.result.hidden = false;
    this.result.focus();
    this.stopDrawing?.();
    this.stopDrawing = drawInTurn(overview.indicators,
      (indicator) => sections.append(indicatorSection(indicator, overview)));
  }

  // The button names what it does now: »Afslut projektorvisning« names the way out, where a pressed toggle would
  // keep the name »Projektorvisning«, which reads as the way in.
  setProjector(on) {
    document.body.classList.toggle("overview-projector", on);
    this.projector.textContent = on ? "Afslut projektorvisning" : "Projektorvisning";
  }

  download() {
    if (!this.csv) return;
    const name = this.fileName.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    downloadText(this.csv, `klyngens-overblik-${name || "klynge"}.csv`);
  }
}

function indicatorSection(indicator, overview) {
  const headingId = `overview-${indicator.id}`;
  // Where the practices are far apart, that spread is the indicator's first finding.
  const sentences = [indicator.overdispersion_text, indicator.none_sentence, indicator.rates_sentence,
    indicator.verdicts_sentence]
    .filter(Boolean).map((text) => element("p", {}, text));
  return element("section", { class: "overview-indicator", "aria-labelledby": headingId },
    element("h3", { id: headingId }, `${indicator.name} (ydelseskode ${indicator.codes.join(" + ")})`),
    ...sentences,
    element("div", { class: "overview-body" }, table(indicator, overview), chart(indicator, overview),
      chartData(() => chartTables(indicator))),
    ...(indicator.standardised ? [standardisedPart(indicator.standardised,
      element("h4", {}, `${indicator.name} ud fra alder og køn`))] : []));
}

function table(indicator, overview) {
  const columns = ["Praksis", "Tilmeldte", "Antal", overview.rate_title, "95 % sikkerhedsinterval", "Vurdering"];
  const head = element("tr", {}, ...columns.map((name) => element("th", { scope: "col" }, name)));
  // data-label: on a phone each practice is a card, and each number says what it is (calculator.css).
  const number = (column, text) => element("td", { class: "number", "data-label": columns[column] }, text);
  const rows = indicator.practices.map((p) => element("tr", {},
    element("th", { scope: "row" }, p.label),
    number(1, p.listed_text), number(2, p.count_text), number(3, p.rate_text), number(4, p.interval_text),
    element("td", { class: `verdict verdict--${p.verdict_key}` }, p.verdict_text)));
  const totals = [["Klyngen", indicator.cluster_rate_text], ["Regionen", indicator.region_rate_text]].map(
    ([name, rate]) => element("tr", { class: "overview-total" }, element("th", { scope: "row" }, name),
      element("td", {}), element("td", {}), number(3, rate), element("td", {}), element("td", {})));
  return element("div", { class: "md-typeset__table" }, element("table",
    { class: "calculator-table calculator-table--cards overview-table" },
    element("caption", {}, `${indicator.name}: rater pr. 1.000 tilmeldte patienter, ${overview.period_text}`),
    element("thead", {}, head), element("tbody", {}, ...rows), element("tfoot", {}, ...totals)));
}

// The calculator's funnel with every practice labelled, and the region's rate as a second line. Row by row in two
// columns under the plot: the practices' marks, the two rates, the funnel's limits.
const CHART = { width: 640, height: 400, left: 64, right: 24, top: 16, bottom: 128 };
const NARROW_CHART = { width: NARROW_WIDTH, height: 460, left: 52, right: 12, top: 16, bottom: 204 };
const LEGEND = [
  { text: "Praksis inden for grænserne", mark: dotMark("practice", 5) },
  { text: "Praksis uden for grænserne", mark: dotMark("practice practice--higher", 5) },
  { text: "Klyngens samlede rate", mark: lineMark("pooled") },
  { text: "Regionens rate", mark: lineMark("region") },
  { text: "95 %-grænse", mark: lineMark("limit limit--95"), funnel: true },
  { text: "99,8 %-grænse", mark: lineMark("limit limit--998"), funnel: true },
];

function chart(indicator, overview) {
  const { practices, funnel } = indicator;
  const pooled = indicator.cluster_rate, region = indicator.region_rate;
  const narrow = narrowScreen();
  const box = narrow ? NARROW_CHART : CHART;
  const { width, height, left, right, top, bottom } = box;
  const sizes = practices.map((p) => p.listed);
  const xMin = Math.min(...sizes) * 0.9, xMax = Math.max(...sizes) * 1.05;
  // Not from zero: for the common codes every practice lies near 5.000, and the spread is what the meeting discusses.
  // The outer limits are inside the range, so that no line is cut off at the edge and looks like another.
  const values = [...practices.map((p) => p.rate), pooled, region, ...funnel.flatMap((f) => [f.low_998, f.high_998])];
  const pad = (Math.max(...values) - Math.min(...values)) * 0.08 || 1;
  const yMin = Math.max(0, Math.min(...values) - pad), yMax = Math.max(...values) + pad;
  const x = (n) => left + ((n - xMin) / (xMax - xMin || 1)) * (width - left - right);
  const y = (r) => top + (1 - (Math.min(Math.max(r, yMin), yMax) - yMin) / (yMax - yMin)) * (height - top - bottom);
  // The practices' numbers are in the table above the chart, its lines in the table below it.
  const svg = chartSvg(box, { class: `calculator-chart overview-chart${narrow ? " calculator-chart--narrow" : ""}`,
    "aria-label": `${indicator.name}: tragtdiagram. Praksis' tal står i tabellen over diagrammet, linjernes i ` +
      "tabellen under det." });
  valueAxis(svg, box, yMin, yMax, y, tickCount(narrow));
  sizeAxis(svg, box, xMin, xMax, x, {}, tickCount(narrow));
  svg.append(...funnelLines(funnel, x, y), acrossPlot(box, y(pooled), "pooled"), acrossPlot(box, y(region), "region"),
    svgText("Klyngen", { x: width - right, y: y(pooled) - 4, "text-anchor": "end", class: "line-label" }),
    // At opposite ends, so that the two labels cannot overlap when the rates are close.
    svgText("Regionen", { x: left + 4, y: y(region) - 4, class: "line-label line-label--region" }));
  for (const p of practices) {
    svg.append(svgElement("circle", { cx: x(p.listed), cy: y(p.rate), r: 5, class: `practice practice--${p.verdict_key}` }),
      svgText(p.short_label, { x: x(p.listed) + 7, y: y(p.rate) + 4, class: "practice-label" }));
  }
  const entries = LEGEND.filter((entry) => funnel.length > 0 || !entry.funnel);
  svg.append(legend(entries, { x: narrow ? 0 : left, y: height - bottom + 68, columns: narrow ? 1 : 2,
    columnWidth: 300 }));
  const caption = element("figcaption", {}, element("strong", {}, indicator.name), ": ",
    `hver cirkel er en af klyngens ${practices.length} praksis, mærket med ${overview.open ? "navn" : "bogstav"} og ` +
    `placeret efter antal tilmeldte patienter og rate pr. 1.000. Den tynde, fuldt optrukne linje er klyngens samlede ` +
    `rate (${indicator.cluster_rate_text}), den prikkede regionens (${indicator.region_rate_text}).`,
    funnel.length ? ` Tragtens linjer er ${indicator.limits_text}: den stiplede 95 %, den tykke 99,8 %. Fyldte ` +
      "cirkler ligger uden for grænserne." : "");
  return element("figure", { class: "calculator-figure overview-figure" }, svg, caption);
}

// The chart's lines as tables: the cluster's and the region's rates, and the limits at the list sizes the funnel
// is drawn through (the practices themselves are in the indicator's table).
function chartTables(indicator) {
  const lines = dataTable(`${indicator.name}: linjerne i diagrammet`, ["Linje", "Rate pr. 1.000 patienter"], [
    ["Klyngens samlede rate", { number: indicator.cluster_rate_text }],
    ["Regionens rate", { number: indicator.region_rate_text }],
  ]);
  if (!indicator.funnel.length) return [lines];
  const limits = dataTable(`${indicator.name}: grænserne for tilfældig variation, rater pr. 1.000 patienter`,
    ["Tilmeldte patienter", "99,8 %, nedre", "95 %, nedre", "95 %, øvre", "99,8 %, øvre"],
    indicator.funnel.map((point) => [countCell(point.listed), rateCell(point.low_998), rateCell(point.low_95),
      rateCell(point.high_95), rateCell(point.high_998)]));
  return [lines, limits];
}

mount("[data-overview]", Overview);
