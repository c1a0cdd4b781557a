// HTML fragments of the report: escaping, tables, image rows and notes.
import { pngImage } from "./png.mjs";

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Rows of objects as a <table> (columns of numbers, times and rates right-aligned), with an optional caption. */
export function tableHtml(rows, caption) {
  if (rows.length === 0) return "";
  const columns = Object.keys(rows[0]);
  const cell = (row, c) => String(row[c] ?? "");
  const numeric = columns.map((c) => rows.every((row) => cell(row, c) === "" || /^[-+·]?[\d.]/.test(cell(row, c))));
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = rows
    .map((row) => `<tr>${columns.map((c, j) => `<td${numeric[j] ? ' class="n"' : ""}>${escapeHtml(cell(row, c))}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ""}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Images side by side: [{ label, matrix }] (intensities in [0, 1]) as PNG data URLs, each with its label. */
export function imagesHtml(images, caption) {
  const figures = images.map(({ label, matrix }) => {
    const { src, mean } = pngImage(matrix);
    const data = `data-width="${matrix.cols}" data-height="${matrix.rows}" data-mean="${mean.toFixed(3)}"`;
    return `<figure class="image"><img src="${src}" alt="${escapeHtml(label)}" ${data} width="${matrix.cols}" height="${matrix.rows}"><figcaption>${escapeHtml(label)}</figcaption></figure>`;
  });
  return `<div class="images">${figures.join("")}</div>${caption ? `<p class="caption">${escapeHtml(caption)}</p>` : ""}`;
}
