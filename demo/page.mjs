// The report page: one self-contained HTML file (inline CSS, SVG plots, PNG data URLs; no script, no
// network), with the run's facts, a contents table with each section's status, then the sections.
import { escapeHtml, tableHtml } from "./html.mjs";

const STYLE = `
  body { font: 14px/1.45 system-ui, sans-serif; color: #222; max-width: 1400px; margin: 0 auto; padding: 1em 2em 4em; }
  h1 { margin-bottom: 0.2em; } h2 { margin-top: 2.2em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; }
  .facts { color: #555; }
  table { border-collapse: collapse; margin: 0.8em 0; font-size: 13px; }
  caption { text-align: left; padding-bottom: 0.3em; color: #444; }
  th, td { padding: 2px 10px; border-bottom: 1px solid #e4e4e4; text-align: left; white-space: nowrap; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .plots { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
  figure { margin: 0.6em 0; } figcaption, .caption { color: #555; font-size: 12px; }
  figure.plot { max-width: 100%; }
  .images { display: flex; flex-wrap: wrap; gap: 0.8em; }
  figure.image img { display: block; width: 256px; height: auto; image-rendering: pixelated; border: 1px solid #ddd; }
  .check.ok { color: #176b2c; } .check.failed, .status-failed { color: #b00020; font-weight: bold; }
  .error { border: 2px solid #b00020; background: #fff3f4; padding: 0.5em 1em; margin: 1em 0; }
  .error pre { white-space: pre-wrap; font-size: 12px; }
  section.failed > h2 { color: #b00020; }
`;

/**
 * The page for `results` (from runSection) and the run's `facts` (label → value).
 */
export function renderPage({ title, facts, results }) {
  const failed = results.filter((r) => r.status === "failed");
  const contents = results.map((r) => ({
    section: r.title,
    status: r.status === "ok" ? "ok" : "FAILED",
    checks: `${r.checks.filter((c) => c.ok).length}/${r.checks.length}`,
    time: `${(r.time / 1000).toFixed(1)} s`,
  }));
  const sections = results.map(
    (r) => `<section id="${escapeHtml(r.id)}" class="${r.status}"><h2>${escapeHtml(r.title)}${r.status === "failed" ? " — FAILED" : ""}</h2>\n${r.html}\n</section>`,
  );
  const verdict = failed.length === 0
    ? `<p class="check ok">Every section ran and every check held.</p>`
    : `<p class="status-failed">${failed.length} section(s) failed: ${failed.map((r) => escapeHtml(r.title)).join("; ")}.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="facts">${Object.entries(facts).map(([k, v]) => `${escapeHtml(k)}: ${escapeHtml(v)}`).join(" · ")}</p>
${verdict}
${tableHtml(contents, "Sections")}
${sections.join("\n")}
</body>
</html>
`;
}
