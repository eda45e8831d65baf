// The comparison calculator: hands the form to the worker and draws the answer. All parsing, statistics and Danish
// wording happen in Python (the `calculators` package); this file only moves text and builds the DOM.
// It is loaded from the page's <head>: `mount` starts the worker (and with it Pyodide) before anything else.
import { WorkerForm, mount, screenLength } from "./worker_form.mjs";
import { CalculatorClusterFile } from "./calculator_cluster_file.mjs";
import { NARROW_WIDTH, acrossPlot, chartData, chartSvg, countCell, dataTable, dotMark, drawInTurn, funnelLines, legend,
  lineMark, narrowScreen, rateCell, sizeAxis, svgElement, svgText, tickCount, valueAxis, valueTitle } from "./chart.mjs";
import { downloadText, element } from "./dom.mjs";
import { standardisedPart, verdictTable } from "./verdict_table.mjs";

class Calculator extends WorkerForm {
  constructor(root, worker) {
    super(root, worker);
    this.warnings = root.querySelector("[data-warnings]");
    this.result = root.querySelector("[data-result]");
    this.csv = "";
    root.querySelector("[data-download]").addEventListener("click", () => this.download());
    root.querySelector("[data-print]").addEventListener("click", () => window.print());
    this.clusterFile = new CalculatorClusterFile(this);
  }

  ready() {
    this.clusterFile.ready();
  }

  submit() {
    const request = { cluster_id: this.fields.cluster.value, listed: this.fields.listed.value, text: this.textOf("text"),
      today: localDate() };
    // The patients by sex and age, where the pack has the region's bands: »band-0«, »band-1«, … as Python reads them.
    for (const [name, field] of Object.entries(this.fields)) if (name.startsWith("band-")) request[name] = field.value;
    // Numbers that cannot belong together are questioned first; pressing »Beregn« again, unchanged, says they do.
    this.lastKey = JSON.stringify([request.cluster_id, request.listed, request.text]);
    if (this.lastKey === this.checkedKey) request.listed_checked = true;
    this.clearErrors();
    if (this.refuseLargePaste("text")) return;
    this.compute(...this.clusterFile.request(request));
  }

  // An error must never leave the previous numbers on screen as if they answered the new input.
  clearResult() {
    this.stopDrawing?.(); // charts of the old result still waiting to be drawn
    this.csv = "";
    this.result.hidden = true;
    for (const part of this.result.querySelectorAll(
      "[data-context], [data-summary], [data-table], [data-standardised], [data-charts]")) {
      part.replaceChildren();
    }
    this.warnings.replaceChildren();
  }

  show(response, kind) {
    if (kind === "cluster_file") {
      this.clusterFile.loaded(response);
      return;
    }
    this.warnings.replaceChildren();
    if (!response.ok) {
      this.clearResult();
      this.checkedKey = response.check_listed ? this.lastKey : null;
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
      result.cluster.name, `${result.listed_text} tilmeldte patienter`, result.period_text,
      result.fictitious ? "klyngens tal er fiktive data" : "",
    ].filter(Boolean).join(" · ");
    this.clusterFile.showFacts(result);
    this.result.querySelector("[data-summary]").replaceChildren(
      ...result.summary.map((sentence) => element("p", {}, sentence)));
    this.result.querySelector("[data-table]").replaceChildren(resultTable(result));
    // Beside the rates, where the cluster data file has sex and age bands: the ratio to the count expected from them.
    this.result.querySelector("[data-standardised]").replaceChildren(...(result.standardised ? [standardisedPart(
      result.standardised, element("h3", {}, "Ud fra jeres patienters alder og køn"))] : []));
    const charts = this.result.querySelector("[data-charts]");
    charts.replaceChildren();
    this.result.hidden = false;
    this.result.focus();
    this.stopDrawing?.();
    this.stopDrawing = drawInTurn(result.indicators.filter((item) => item.chart), // no chart when not computed
      (indicator) => charts.append(chart(indicator, result), chartData(() => chartTables(indicator, result))));
  }

  download() {
    if (!this.csv) return;
    const pack = this.root.dataset.reference.split("/").pop().replace(/(\.[0-9a-f]+)?\.json$/, "");
    downloadText(this.csv, `midtkraft-${pack}-${localDate()}.csv`);
  }
}

// Today in the browser's own time zone, as 2026-11-30: the date a person in Denmark sees on the calendar.
function localDate(now = new Date()) {
  const pad = (number) => String(number).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// The columns and each row's cells come from Python (calculators/comparison/page.py), so the screen, the printout
// and the CSV name the same things in the same order.
function resultTable(result) {
  return verdictTable({
    caption: ["Jeres rater pr. 1.000 patienter", result.period_text].filter(Boolean).join(", "),
    columns: result.columns,
    rows: result.indicators.map((indicator) => ({ ...indicator, header: indicator.name })),
  });
}

// A funnel plot: each practice of the cluster as a dot by list size and rate, the cluster's pooled rate as a
// line, its 95 % and 99,8 % limits as the funnel, and this practice marked with its own 95 % interval. Title,
// axis labels and legend are drawn inside the SVG, so the chart says what it shows on screen and on paper alike.
const CHART = { width: 640, height: 400, left: 88, right: 28, top: 56, bottom: 128 };
const NARROW_CHART = { width: NARROW_WIDTH, height: 440, left: 56, right: 10, top: 72, bottom: 196 };
// Row by row in two columns: the practice's own entry, the longest, has a row to itself on paper.
const LEGEND = [
  { text: "Klyngens praksis", mark: dotMark("practice") },
  { text: "Klyngens samlede rate", mark: lineMark("pooled") },
  { text: "95 %-grænse", mark: lineMark("limit limit--95"), funnel: true },
  { text: "99,8 %-grænse", mark: lineMark("limit limit--998"), funnel: true },
  { text: "Jeres praksis med 95 % sikkerhedsinterval", wide: true, mark: (x, y) => [
    svgElement("line", { x1: x, x2: x, y1: y - 8, y2: y + 8, class: "yours-interval" }), diamond(x, y, 4.5)] },
];

// The response sends the cluster's practices as two columns of whole numbers (a thousand of them cross from Python
// as JSON); count * 1000 / listed is one IEEE division, as in calculators/stats/rates.py, so each rate is Python's.
function practicePoints(chart) {
  const { listed, count } = chart.practices;
  return listed.map((n, index) => ({ listed: n, rate: (count[index] * 1000) / n }));
}

function chart(indicator, result) {
  const { practice, pooled_rate: pooled, funnel } = indicator.chart;
  const practices = practicePoints(indicator.chart);
  const narrow = narrowScreen();
  const box = narrow ? NARROW_CHART : CHART;
  const { width, height, left, right, top, bottom } = box;
  const plotBottom = height - bottom;
  const sizes = [...practices.map((p) => p.listed), practice.listed];
  const rates = [...practices.map((p) => p.rate), practice.rate, practice.upper, pooled];
  const xMin = Math.min(...sizes) * 0.95, xMax = Math.max(...sizes) * 1.05;
  const yMax = Math.max(...rates, ...funnel.map((f) => f.high_998)) * 1.08 || 1;
  const x = (n) => left + ((n - xMin) / (xMax - xMin || 1)) * (width - left - right);
  const y = (r) => top + (1 - r / yMax) * (plotBottom - top);
  const clipId = `calc-chart-clip-${indicator.id}`;
  // A screen reader hears what the chart is and where its numbers are; the figure's caption and the table say
  // the rest.
  const svg = chartSvg(box, { class: `calculator-chart${narrow ? " calculator-chart--narrow" : ""}`,
    "aria-label": `${indicator.name}: tragtdiagram. Tallene står i tabellen under diagrammet.` });

  // On a narrow screen the rate's unit and the period take a line each.
  const subtitle = [result.rate_title, result.period?.text].filter(Boolean);
  svg.append(svgText(indicator.name, { x: 0, y: 18, class: "chart-title" }),
    ...(narrow ? subtitle.map((text, index) => svgText(text, { x: 0, y: 40 + 18 * index, class: "chart-subtitle" }))
      : [svgText(subtitle.join(", "), { x: 0, y: 40, class: "chart-subtitle" })]));
  // The funnel's narrow end can reach far above the highest rate: lines stop at the plot's edge, not beyond it.
  const clip = svgElement("clipPath", { id: clipId });
  clip.append(svgElement("rect", { x: left, y: top, width: width - left - right, height: plotBottom - top }));
  svg.append(clip);

  valueAxis(svg, box, 0, yMax, y, tickCount(narrow));
  sizeAxis(svg, box, xMin, xMax, x, { class: "axis-label" }, tickCount(narrow));
  svg.append(acrossPlot(box, plotBottom, "axis"),
    valueTitle(box, result.rate_title, 16, { class: "axis-label" }));

  const lines = svgElement("g", { "clip-path": `url(#${clipId})` });
  lines.append(...funnelLines(funnel, x, y), acrossPlot(box, y(pooled), "pooled"));
  svg.append(lines);
  for (const p of practices) svg.append(svgElement("circle", { cx: x(p.listed), cy: y(p.rate), r: 4, class: "practice" }));
  const px = x(practice.listed);
  svg.append(svgElement("line", { x1: px, x2: px, y1: y(practice.lower), y2: y(practice.upper), class: "yours-interval" }),
    diamond(px, y(practice.rate), 6));
  const entries = LEGEND.filter((entry) => funnel.length > 0 || !entry.funnel);
  svg.append(legend(entries, { x: narrow ? 0 : left, y: plotBottom + 68, columns: narrow ? 1 : 2, columnWidth: 300 }));

  const caption = element("figcaption", {},
    `Hver cirkel er en af klyngens ${indicator.m} praksis. Jeres rate: ${indicator.rate_text} `,
    `(95 % sikkerhedsinterval ${indicator.interval_text}); klyngens samlede rate: ${indicator.pooled_rate_text}. `,
    `${indicator.position_sentence} Vurdering: ${indicator.verdict_text}.`);
  return element("figure", { class: "calculator-figure" }, svg, caption);
}

// The chart's numbers as tables: the practice and what it is measured against, then the cluster's practices by
// list size, as the chart's x axis runs. Every text but the practices' own numbers and the limits comes from Python.
function chartTables(indicator, result) {
  const { practice } = indicator.chart;
  const interval = (low, high) => ({ number: `${rateCell(low).number}–${rateCell(high).number}` });
  const at = indicator.chart.funnel.find((point) => point.listed === practice.listed); // none without events
  const limits = at ? [
    [`95 %-grænser ved ${result.listed_text} tilmeldte`, interval(at.low_95, at.high_95)],
    [`99,8 %-grænser ved ${result.listed_text} tilmeldte`, interval(at.low_998, at.high_998)],
  ] : [];
  const own = dataTable(`${indicator.name}: jeres praksis og klyngen, rater pr. 1.000 patienter`,
    ["Tal", "Rate pr. 1.000 patienter"], [
      ["Jeres rate", { number: indicator.rate_text }],
      ["Jeres 95 % sikkerhedsinterval", { number: indicator.interval_text }],
      ["Klyngens samlede rate", { number: indicator.pooled_rate_text }],
      ...limits,
    ]);
  const points = practicePoints(indicator.chart).slice().sort((a, b) => a.listed - b.listed || a.rate - b.rate);
  const cluster = dataTable(`${indicator.name}: klyngens ${indicator.m} praksis efter antal tilmeldte patienter`,
    ["Tilmeldte patienter", "Rate pr. 1.000 patienter"],
    points.map((point) => [countCell(point.listed), rateCell(point.rate)]));
  return [own, cluster];
}

function diamond(cx, cy, half) {
  return svgElement("rect", { x: cx - half, y: cy - half, width: 2 * half, height: 2 * half, class: "yours",
    transform: `rotate(45 ${cx} ${cy})` });
}

mount("[data-calculator]", Calculator);
