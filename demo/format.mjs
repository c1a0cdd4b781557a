// Small printing helpers for the `npm start` report.

/** Runs fn once and returns [result, milliseconds]. */
export function timed(fn) {
  const t0 = performance.now();
  const result = fn();
  return [result, performance.now() - t0];
}

/** Prints rows of objects as an aligned table under a heading. */
export function table(rows) {
  const columns = Object.keys(rows[0]);
  const cells = rows.map((row) => columns.map((c) => String(row[c])));
  const widths = columns.map((c, j) => Math.max(c.length, ...cells.map((r) => r[j].length)));
  // Numbers (and times, rates) right-aligned; words left-aligned.
  const numeric = columns.map((_, j) => cells.every((r) => r[j] === "" || /^[-+\d.]/.test(r[j])));
  const line = (values) => "  " + values.map((v, j) => (numeric[j] ? v.padStart(widths[j]) : v.padEnd(widths[j]))).join("   ");
  console.log(line(columns));
  console.log("  " + widths.map((w) => "─".repeat(w)).join("   "));
  for (const r of cells) console.log(line(r));
}

export function heading(text) {
  console.log(`\n${text}\n${"═".repeat(text.length)}`);
}

export const ms = (t) => `${t < 10 ? t.toFixed(2) : t.toFixed(0)} ms`;
export const sci = (x) => x.toExponential(1);
