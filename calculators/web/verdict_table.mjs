// A table of verdicts as Python shapes it: a caption, the columns, and rows of a header, cells and a verdict with
// its caution. The calculator's rates and, on both pages, the ratios standardised for sex and age. On a phone each
// row is a card and each cell says which column it is (data-label, calculator.css).
import { element } from "./dom.mjs";

export function verdictTable({ caption, columns, rows }, className = "") {
  const head = element("tr", {}, ...columns.map((name) => element("th", { scope: "col" }, name)));
  const body = rows.map((row) => {
    const verdict = element("td", { class: `verdict verdict--${row.verdict_key}` }, row.verdict_text);
    if (row.caution) verdict.append(element("br"), element("small", {}, row.caution));
    return element("tr", {},
      element("th", { scope: "row" }, row.header),
      ...row.cells.map((cell, index) => element("td",
        { "data-label": columns[index + 1], ...(cell.number ? { class: "number" } : {}) }, cell.text)),
      verdict);
  });
  const table = element("table", { class: `calculator-table calculator-table--cards ${className}`.trim() },
    element("caption", {}, caption), element("thead", {}, head), element("tbody", {}, ...body));
  return element("div", { class: "md-typeset__table" }, table);
}

// The ratios standardised for sex and age (calculators/cluster_file/standardised.py): its sentences, then its
// table when there is one (none where the practice's numbers are no row of the file).
export function standardisedPart(block, heading) {
  return element("div", { class: "calculator-standardised" }, ...(heading ? [heading] : []),
    ...block.sentences.map((sentence) => element("p", {}, sentence)),
    ...(block.rows.length ? [verdictTable(block)] : []));
}
