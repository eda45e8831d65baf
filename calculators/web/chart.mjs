// What the three pages' charts share: SVG elements, the value axis's grid and labels, the list-size axis, lines
// across the plot, the funnel's limit lines, the numbers behind a chart as tables, and drawing a result's charts
// one per task. Each page draws its own marks (the calculator's practice with its interval, the overview's
// labelled practices, the follow-up's two periods) and its own caption; every sentence comes from Python.
//
// `box` is a chart's size and the plot's margins in SVG units: { width, height, left, right, top, bottom }.
import { danishNumber } from "./danish_number.mjs";
import { element } from "./dom.mjs";

const SVG = "http://www.w3.org/2000/svg";
const TICKS = 5; // about this many labels on an axis

// A phone held upright: a chart drawn 640 units wide would shrink its 12-unit text to 6 px there. Below this width
// each page draws its chart about as many units wide as the screen has pixels, with fewer ticks and the legend in
// one column, so that its text stays at 12 px or more.
const NARROW = "(max-width: 37.5em)";
export const NARROW_WIDTH = 340;

export function narrowScreen() {
  return window.matchMedia(NARROW).matches;
}

// Ticks for an axis of a chart drawn for a narrow screen or a wide one.
export function tickCount(narrow) {
  return narrow ? 3 : TICKS;
}

// Vertical room in SVG units, sized for the largest text a chart has (on paper): a line of text, a legend row.
const EM = 12;
const LEGEND_ROW = 26;

export function svgElement(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

export function svgText(content, attributes = {}) {
  const node = svgElement("text", attributes);
  node.textContent = content;
  return node;
}

// The chart's <svg>, an image to a screen reader: `attributes` give its name (aria-label or aria-labelledby).
export function chartSvg(box, attributes) {
  return svgElement("svg", { viewBox: `0 0 ${box.width} ${box.height}`, role: "img", ...attributes });
}

// Round values (1, 2 or 5 times a power of ten apart) from `low` to `high`, about `count` of them.
export function niceTicks(low, high, count = TICKS) {
  const span = high - low || 1;
  const step0 = Math.pow(10, Math.floor(Math.log10(span / count)));
  const step = [1, 2, 5, 10].map((m) => m * step0).find((s) => span / s <= count) || step0 * 10;
  const ticks = [];
  for (let value = Math.ceil(low / step) * step; value <= high; value += step) ticks.push(value);
  return ticks;
}

// A horizontal line across the whole plot at value height `at` (a grid line, the cluster's rate, the region's).
export function acrossPlot(box, at, className) {
  return svgElement("line", { x1: box.left, x2: box.width - box.right, y1: at, y2: at, class: className });
}

// The value axis: a grid line at each round value from `low` to `high`, labelled left of the plot (1.234, 12,5).
export function valueAxis(svg, box, low, high, y, count = TICKS) {
  for (const tick of niceTicks(low, high, count)) {
    svg.append(acrossPlot(box, y(tick), "grid"),
      svgText(danishNumber(tick), { x: box.left - 6, y: y(tick) + 4, "text-anchor": "end" }));
  }
}

// The value axis's title, turned to read upwards at `x` beside the labels.
export function valueTitle(box, content, x, attributes = {}) {
  const middle = (box.top + box.height - box.bottom) / 2;
  return svgText(content, { x, y: middle, "text-anchor": "middle", transform: `rotate(-90 ${x} ${middle})`,
    ...attributes });
}

// The list-size axis under the plot: round list sizes from `low` to `high`, and the axis's title below them.
export function sizeAxis(svg, box, low, high, x, titleAttributes = {}, count = TICKS) {
  const plotBottom = box.height - box.bottom;
  for (const tick of niceTicks(low, high, count)) {
    svg.append(svgText(danishNumber(tick), { x: x(tick), y: plotBottom + 1.5 * EM, "text-anchor": "middle" }));
  }
  svg.append(svgText("Antal tilmeldte patienter", { x: (box.left + box.width - box.right) / 2,
    y: plotBottom + 3.2 * EM, "text-anchor": "middle", ...titleAttributes }));
}

// The legend under a chart, so that the chart explains its marks on screen, on a projector and on paper alike.
// Entries fill `columns` columns row by row, `columnWidth` apart; an entry with `wide: true` has a row to itself
// (a long text that would run into the next column). `mark(x, y)` draws an entry's sample centred at (x, y).
export function legend(entries, { x, y, columns = 1, columnWidth = 0 }) {
  const group = svgElement("g", { class: "legend" });
  let row = 0, column = 0;
  for (const entry of entries) {
    if (column > 0 && (entry.wide || column >= columns)) {
      row += 1;
      column = 0;
    }
    const sx = x + column * columnWidth, sy = y + row * LEGEND_ROW;
    group.append(...entry.mark(sx + 12, sy), svgText(entry.text, { x: sx + 32, y: sy + 0.35 * EM }));
    column = entry.wide ? columns : column + 1;
  }
  return group;
}

// Samples for legend entries: a stretch of one of the chart's lines, a dot.
export const lineMark = (className) => (x, y) => [svgElement("line", { x1: x - 12, x2: x + 12, y1: y, y2: y,
  class: className })];
export const dotMark = (className, r = 4) => (x, y) => [svgElement("circle", { cx: x, cy: y, r, class: className })];

// The funnel: the 99,8 % and 95 % limits around the cluster's rate, through the list sizes Python computed them at.
export function funnelLines(funnel, x, y) {
  const line = (key, className) => svgElement("polyline", {
    points: funnel.map((point) => `${x(point.listed)},${y(point[key])}`).join(" "), class: className });
  if (!funnel.length) return [];
  return [line("low_998", "limit limit--998"), line("high_998", "limit limit--998"),
    line("low_95", "limit limit--95"), line("high_95", "limit limit--95")];
}

// One chart per task: with a large cluster each chart is thousands of SVG nodes, and drawing them all at once
// would block the page for longer than a person notices (the 50 ms long-task limit). `draw(item)` runs for each
// item once the browser has painted; the function returned stops the rest (a newer result or an error came).
export function drawInTurn(items, draw) {
  let stopped = false;
  (async () => {
    for (const item of items) {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      if (stopped) return;
      draw(item);
    }
  })();
  return () => {
    stopped = true;
  };
}

// The numbers behind a chart as real tables, for screen readers and for anyone who wants the exact values: a
// closed <details> under each figure whose tables are built the first time it opens. A cluster may hold a
// thousand practices, and building a thousand rows for every chart of a result would hold up the page for
// nothing. `build` returns the tables; it runs once, on the first opening.
export function chartData(build) {
  const details = element("details", { class: "chart-data" }, element("summary", {}, "Diagrammets tal som tabel"));
  details.addEventListener("toggle", () => {
    if (details.open && details.childElementCount === 1) details.append(...build());
  });
  return details;
}

// A table with a caption, column headers and, in each row, the first cell as the row's header. Cells given as
// { number: text } are right-aligned numbers, as in the results table.
export function dataTable(caption, columns, rows) {
  const cell = (value, index) => {
    const number = typeof value === "object";
    const text = number ? value.number : value;
    const attributes = number ? { class: "number" } : {};
    return index === 0 ? element("th", { scope: "row", ...attributes }, text) : element("td", attributes, text);
  };
  const table = element("table", { class: "calculator-table chart-data-table" },
    element("caption", {}, caption),
    element("thead", {}, element("tr", {}, ...columns.map((name) => element("th", { scope: "col" }, name)))),
    element("tbody", {}, ...rows.map((row) => element("tr", {}, ...row.map(cell)))));
  return element("div", { class: "md-typeset__table" }, table);
}

// Cells of a data table from a raw number: a count or list size (1.234), a rate with its decimal (12,0).
export const countCell = (value) => ({ number: danishNumber(value) });
export const rateCell = (value) => ({ number: danishNumber(value, { decimal: true }) });
