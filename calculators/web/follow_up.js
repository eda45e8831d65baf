// »Følg op«: hands the counts before and after a practice's change to the worker and draws the answer. The
// comparison, its numbers and its Danish sentences come from Python (calculators/follow_up/); this file only moves
// text and builds the DOM, as calculator.js does.
import { WorkerForm, mount } from "./worker_form.mjs";
import { NARROW_WIDTH, chartData, chartSvg, countCell, dataTable, dotMark, legend, narrowScreen, svgElement, svgText,
  tickCount, valueAxis, valueTitle } from "./chart.mjs";
import { danishNumber } from "./danish_number.mjs";
import { downloadText, element } from "./dom.mjs";

class FollowUp extends WorkerForm {
  constructor(root, worker) {
    super(root, worker);
    this.mode = root.querySelector("[data-mode]");
    this.warnings = root.querySelector("[data-warnings]");
    this.result = root.querySelector("[data-result]");
    this.csv = "";
    this.mode.addEventListener("change", () => this.showMode());
    root.querySelector("[data-download]").addEventListener("click", () => this.download());
    root.querySelector("[data-print]").addEventListener("click", () => window.print());
    this.showMode();
  }

  // A switch of mode keeps what was typed in every field, but an answer to the other mode no longer applies.
  showMode() {
    for (const part of this.root.querySelectorAll("[data-mode-part]")) part.hidden = part.dataset.modePart !== this.mode.value;
    this.clearErrors();
    this.clearResult();
  }

  submit() {
    this.clearErrors();
    const value = (name) => this.textOf(name);
    if (this.mode.value === "table") {
      const request = { before_text: value("before_text"), before_days: value("before_days"),
        after_text: value("after_text"), after_days: value("after_days") };
      if (["before_text", "after_text"].some((name) => this.refuseLargePaste(name))) return;
      this.compute("follow_up_table", request);
    } else {
      this.compute("follow_up", { before: value("before"), before_days: value("before_days"),
        after: value("after"), after_days: value("after_days"), before_listed: value("before_listed"),
        after_listed: value("after_listed") });
    }
  }

  // An error must never leave the previous numbers on screen as if they answered the new input.
  clearResult() {
    this.csv = "";
    this.result.hidden = true;
    for (const part of this.result.querySelectorAll("[data-summary], [data-charts]")) part.replaceChildren();
    this.warnings.replaceChildren();
  }

  show(response) {
    this.warnings.replaceChildren();
    if (!response.ok) {
      this.clearResult();
      this.showError(response.error, response.field, response.errors || []);
      return;
    }
    if (response.warnings?.length) {
      this.warnings.append(element("p", {}, "Bemærk:"),
        element("ul", {}, ...response.warnings.map((text) => element("li", {}, text))));
    }
    this.csv = response.csv;
    const summary = this.result.querySelector("[data-summary]");
    const charts = this.result.querySelector("[data-charts]");
    if (response.result.indicators) {
      // Several indicators: the caution about many comparisons first, then each indicator with its own chart.
      summary.replaceChildren(...response.result.sentences.map((sentence) => element("p", {}, sentence)));
      charts.replaceChildren(...response.result.indicators.map((indicator) => indicatorBlock(indicator)));
    } else {
      summary.replaceChildren(...sentences(response.result));
      charts.replaceChildren(chart(response.result, "fu-chart"), chartData(() => chartTables(response.result)));
    }
    this.result.hidden = false;
    this.result.focus();
  }

  download() {
    if (this.csv) downloadText(this.csv, "midtkraft-foelg-op.csv");
  }
}

function sentences(result) {
  return result.sentences.map((sentence) => element("p", {}, sentence));
}

function indicatorBlock(indicator) {
  const block = element("section", { class: "follow-up-indicator", "aria-labelledby": `fu-${indicator.id}` },
    element("h3", { id: `fu-${indicator.id}` }, indicator.name));
  if (!indicator.computed) {
    block.append(element("p", {}, indicator.reason));
    return block;
  }
  if (indicator.note) block.append(element("p", {}, indicator.note));
  block.append(...sentences(indicator), chart(indicator, `fu-chart-${indicator.id}`, indicator.name),
    chartData(() => chartTables(indicator, indicator.name)));
  return block;
}

// Each period's rate per week as a dot with its 95 % interval as a vertical bar, on a scale from 0, so that the
// eye compares the two rates and sees how far their intervals overlap. The caption is the text alternative.
function chart(result, captionId, name = "") {
  const narrow = narrowScreen();
  const box = narrow ? { width: NARROW_WIDTH, height: 300, left: 56, right: 16, top: 16, bottom: 106 }
    : { width: 420, height: 280, left: 56, right: 24, top: 16, bottom: 80 };
  const { width, height, left, right, top, bottom } = box;
  const periods = result.periods;
  const yMax = Math.max(...periods.map((p) => p.upper)) * 1.1 || 1;
  const slot = (width - left - right) / periods.length;
  const x = (index) => left + slot * (index + 0.5);
  const y = (rate) => top + (1 - rate / yMax) * (height - top - bottom);
  const svg = chartSvg(box, { "aria-labelledby": captionId,
    class: `calculator-chart follow-up-chart${narrow ? " calculator-chart--narrow" : ""}` });
  valueAxis(svg, box, 0, yMax, y, tickCount(narrow));
  svg.append(valueTitle(box, `Ydelser ${result.unit}`, 12));

  periods.forEach((period, index) => {
    const px = x(index);
    svg.append(
      svgElement("line", { x1: px, x2: px, y1: y(period.lower), y2: y(period.upper), class: "follow-up-interval" }),
      svgElement("line", { x1: px - 8, x2: px + 8, y1: y(period.lower), y2: y(period.lower), class: "follow-up-interval" }),
      svgElement("line", { x1: px - 8, x2: px + 8, y1: y(period.upper), y2: y(period.upper), class: "follow-up-interval" }),
      svgElement("circle", { cx: px, cy: y(period.rate), r: 6, class: `follow-up-rate follow-up-rate--${index}` }));
    svg.append(svgText(period.rate_text, { x: px + 12, y: y(period.rate) + 4 }),
      svgText(`${period.label} (${danishNumber(period.days)} ${period.days === 1 ? "dag" : "dage"})`,
        { x: px, y: height - bottom + 18, "text-anchor": "middle" }));
  });

  svg.append(legend([
    { text: `Ydelser ${result.unit}`, mark: dotMark("follow-up-rate follow-up-rate--0", 6) },
    { text: `${result.level} sikkerhedsinterval`, mark: (mx, my) => [
      svgElement("line", { x1: mx, x2: mx, y1: my - 9, y2: my + 9, class: "follow-up-interval" }),
      svgElement("line", { x1: mx - 6, x2: mx + 6, y1: my - 9, y2: my - 9, class: "follow-up-interval" }),
      svgElement("line", { x1: mx - 6, x2: mx + 6, y1: my + 9, y2: my + 9, class: "follow-up-interval" })] },
  ], { x: 0, y: height - bottom + 50, columns: narrow ? 1 : 2, columnWidth: 180 }));

  const caption = element("figcaption", { id: captionId },
    name ? element("strong", {}, `${name}: `) : "",
    `Ydelser ${result.unit} før og efter ændringen. Prikken er antallet ${result.unit}, stregen dets `,
    `${result.level} sikkerhedsinterval. `,
    ...periods.map((period) => `${period.label}: ${period.rate_text} (${period.interval_text}). `));
  return element("figure", { class: "calculator-figure follow-up-figure" }, svg, caption);
}

// The chart's numbers as a table: each period's count, days, rate and interval, all as Python wrote them.
function chartTables(result, name = "") {
  return [dataTable(`${name ? `${name}: ` : ""}ydelser ${result.unit} før og efter ændringen`,
    ["Periode", "Ydelser", "Dage", `Ydelser ${result.unit}`, `${result.level} sikkerhedsinterval`],
    result.periods.map((period) => [period.label, countCell(period.count), countCell(period.days),
      { number: period.rate_text }, { number: period.interval_text }]))];
}

mount("[data-follow-up]", FollowUp);
