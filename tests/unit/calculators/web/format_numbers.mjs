// Formats numbers with the page's own module, for test_number_format.py:
//   node format_numbers.mjs < [[value, decimals], …]   ->   [text or null, …] plus danishNumber's texts
// JSON carries each double exactly (both sides write and read the shortest round-tripping decimal).
import { readFileSync } from "node:fs";
import { danishNumber, formatNumber, megabytesOver } from "../../../../calculators/web/danish_number.mjs";

const cases = JSON.parse(readFileSync(0, "utf8"));
const answers = cases.map(([value, decimals]) => ({
  formatted: formatNumber(value, decimals),
  axis: danishNumber(value),
  decimal: danishNumber(value, { decimal: true }),
  over: megabytesOver(value),
}));
process.stdout.write(JSON.stringify(answers));
