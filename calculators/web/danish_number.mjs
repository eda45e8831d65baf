// Numbers the page writes itself (axis labels, a chart's raw numbers in its data table, megabytes), in Danish and
// exactly as calculators/danish.py's format_number writes them, so that a number reads the same in the chart, in
// the tables Python wrote and in the CSV: 1.234,5, halves rounded away from zero on the number as written (0,15 ->
// 0,2, where binary 0.15 is 0.1499…), never "-0,0". tests/unit/calculators/web/test_number_format.py runs both and compares.
// No imports and no DOM: Node runs this module as it stands. (Intl.NumberFormat would round the binary float, and
// creating one costs tens of milliseconds.)

// `value` rounded to `decimals` places: format_number(value, decimals).
export function formatNumber(value, decimals = 1) {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new RangeError(`cannot format ${value} as a Danish number`);
  // The shortest decimal that reads back as this double, as Python's repr finds it: digits * 10 ** exponent.
  const [mantissa, power = "0"] = Math.abs(value).toString().split("e");
  const [whole, fraction = ""] = mantissa.split(".");
  const digits = BigInt(whole + fraction);
  const exponent = Number(power) - fraction.length;
  const shift = -decimals - exponent;
  let scaled;
  if (shift <= 0) {
    scaled = digits * 10n ** BigInt(-shift);
  } else { // round half up, on the magnitude: away from zero
    const unit = 10n ** BigInt(shift);
    scaled = digits / unit;
    if (2n * (digits % unit) >= unit) scaled += 1n;
  }
  const text = scaled.toString().padStart(decimals + 1, "0");
  const wholePart = groupThousands(text.slice(0, text.length - decimals));
  const number = decimals ? `${wholePart},${text.slice(text.length - decimals)}` : wholePart;
  return value < 0 && scaled !== 0n ? `-${number}` : number;
}

// One decimal, as Python's rates: 12,5 and 1.234,0 with `decimal`, else a whole number without its ",0" (1.234),
// as an axis label reads best.
export function danishNumber(value, { decimal = false } = {}) {
  const text = formatNumber(value, 1);
  return decimal || !text.endsWith(",0") ? text : text.slice(0, -2);
}

// "227273" -> "227.273": digits grouped by three with Danish full stops.
export function groupThousands(digits) {
  return String(digits).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

// A size over a limit, in MB with one decimal rounded up: 2.000.103 bytes are »2,1«, never »2,0« beside »højst 2 MB«.
export function megabytesOver(bytes) {
  return danishNumber(Math.ceil(bytes / 1e5) / 10, { decimal: true });
}
