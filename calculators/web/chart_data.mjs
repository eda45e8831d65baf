// The numbers behind a chart as real tables, for screen readers and for anyone who wants the exact values: a
// closed <details> under each figure whose tables are built the first time it opens. A cluster may hold a thousand
// practices, and building a thousand rows for every chart of a result would hold up the page for nothing.
import { element } from "./page_kit.mjs";

// `build` returns the tables; it runs once, on the first opening.
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
