// The frame every section runs in: it prints to the terminal and collects the section's HTML at once,
// times the section, records its checks, and turns a section that throws into a visible failure.
import { escapeHtml, imagesHtml, tableHtml } from "./html.mjs";
import { renderPlot } from "./plot.mjs";
import { heading, paragraph, progressLine, table } from "./terminal.mjs";

/**
 * What a section's `run(report, options)` writes with. Every method prints to the terminal (plots
 * and images only in the HTML) and appends to the section's HTML.
 */
function sectionReport(blocks, checks, quick) {
  return {
    /** True with --quick: the section should pick small sizes for what its options do not cover. */
    quick,
    text(text) {
      paragraph(text);
      blocks.push(`<p>${escapeHtml(text)}</p>`);
    },
    table(rows, caption) {
      if (caption) paragraph(caption);
      table(rows);
      blocks.push(tableHtml(rows, caption));
    },
    /** Plots side by side: specs as `renderPlot` takes them. */
    plots(specs) {
      blocks.push(`<div class="plots">${specs.map(renderPlot).join("")}</div>`);
    },
    images(images, caption) {
      blocks.push(imagesHtml(images, caption));
    },
    /** A terminal progress line for one long run (see terminal.mjs). */
    progress: progressLine,
    /** A claim the run must bear out: shown ✓ or ✗ (a ✗ fails the report). */
    check(ok, message) {
      checks.push({ ok: Boolean(ok), message });
      paragraph(`${ok ? "✓" : "✗ FAILED:"} ${message}`);
      blocks.push(`<p class="check ${ok ? "ok" : "failed"}">${ok ? "✓" : "✗ failed:"} ${escapeHtml(message)}</p>`);
    },
  };
}

/**
 * Runs one section and returns { id, title, status: "ok" | "failed", time, checks, html, error }:
 * "failed" when it threw (its error shown where it stopped) or a check failed.
 */
export async function runSection(section, options, quick) {
  heading(section.title);
  const blocks = [];
  const checks = [];
  const started = performance.now();
  let error;
  try {
    await section.run(sectionReport(blocks, checks, quick), options);
  } catch (thrown) {
    error = thrown instanceof Error ? thrown.stack ?? String(thrown) : String(thrown);
    console.error(`\n  ✗ this section FAILED:\n${error.replace(/^/gm, "    ")}`);
    blocks.push(`<div class="error"><strong>This section failed</strong> — it stopped here with:<pre>${escapeHtml(error)}</pre></div>`);
  }
  const failed = error !== undefined || checks.some((c) => !c.ok);
  return { id: section.id, title: section.title, status: failed ? "failed" : "ok", time: performance.now() - started, checks, html: blocks.join("\n"), error };
}
