// What `npm start` prints: headings, aligned tables, wrapped text, and a progress line per long
// solve — redrawn in place on a terminal, plain lines (at most one a second) when piped.

const out = process.stdout;
const interactive = Boolean(out.isTTY);

export function heading(text) {
  out.write(`\n${text}\n${"═".repeat(text.length)}\n`);
}

/** Prints text indented by two spaces, wrapped at 100 columns (paragraphs kept). */
export function paragraph(text) {
  for (const block of text.split("\n")) {
    let line = "";
    for (const word of block.split(/\s+/).filter(Boolean)) {
      if (line.length > 0 && line.length + word.length + 1 > 98) {
        out.write(`  ${line}\n`);
        line = word;
      } else line = line.length === 0 ? word : `${line} ${word}`;
    }
    out.write(`  ${line}\n`);
  }
}

/** Prints rows of objects as an aligned table: numbers (and times, rates) right-aligned, words left. */
export function table(rows) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const cells = rows.map((row) => columns.map((c) => String(row[c] ?? "")));
  const widths = columns.map((c, j) => Math.max(c.length, ...cells.map((r) => r[j].length)));
  const numeric = columns.map((_, j) => cells.every((r) => r[j] === "" || /^[-+·]?[\d.]/.test(r[j])));
  const line = (values) => "  " + values.map((v, j) => (numeric[j] ? v.padStart(widths[j]) : v.padEnd(widths[j]))).join("   ").trimEnd();
  out.write(`${line(columns)}\n  ${widths.map((w) => "─".repeat(w)).join("   ")}\n`);
  for (const r of cells) out.write(`${line(r)}\n`);
}

/**
 * A progress line for one long run, labelled `label`: `update(text)` shows the latest state
 * (redrawn at most every 80 ms on a terminal; printed at most once a second when piped), `done(text)`
 * ends it with a final line.
 */
export function progressLine(label) {
  const prefix = `  ${label}: `;
  let last = -Infinity;
  let pending = false;
  return {
    update(text) {
      const now = performance.now();
      if (now - last < (interactive ? 80 : 1000)) return;
      last = now;
      if (interactive) {
        out.write(`\r\x1b[2K${(prefix + text).slice(0, (out.columns ?? 120) - 1)}`);
        pending = true;
      } else out.write(`${prefix}${text}\n`);
    },
    done(text) {
      out.write(`${interactive && pending ? "\r\x1b[2K" : ""}${prefix}${text}\n`);
    },
  };
}

/** An onIteration callback that shows iteration, cost, gradient norm and elapsed time on `line`. */
export function solverProgress(line) {
  return (info) => line.update(`iteration ${info.iteration}   cost ${info.cost.toExponential(4)}   ‖grad‖ ${info.gradientNorm.toExponential(2)}   ${ms(info.time)}`);
}

export const ms = (t) => `${t < 10 ? t.toFixed(2) : t.toFixed(0)} ms`;
export const sci = (x) => x.toExponential(1);
