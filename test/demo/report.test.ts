// `npm start -- --quick` for real: the terminal summary, then report/index.html opened in headless
// Chromium — no console errors, every plot drawn with marks inside it and axes that cover its data,
// every image decoded at its size, no failed section; the command line; a failing section shown.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { haveChromium, withChromium } from "../helpers/chromium.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const main = join(root, "demo/main.mjs");
const SECTIONS = ["kernels", "camera", "landscape", "saddle", "completion", "sensing", "phase-transition", "sparse", "deconvolution"];

let out: string;
let stdout: string;
let html: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "benign-report-"));
  // Piped (not a terminal): progress comes as plain lines.
  stdout = execFileSync(process.execPath, [main, "--quick", `--out=${out}`], { encoding: "utf8", cwd: root });
  html = readFileSync(join(out, "index.html"), "utf8");
}, 120_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe("npm start -- --quick", () => {
  test("prints a summary with every section passing, progress lines and where the report went", () => {
    expect(stdout).toContain("Summary (");
    const summary = stdout.slice(stdout.indexOf("Summary ("));
    expect(summary.match(/^ {2}✓ /gm)).toHaveLength(SECTIONS.length);
    expect(summary).not.toMatch(/^ {2}✗ /m);
    expect(stdout).toMatch(/^ {2}als: max-iterations after \d+ iterations, .* ms, PSNR [\d.]+ dB$/m);
    expect(stdout).toMatch(/^ {2}phaseTransition: 18 trials on \d thread\(s\) in .* complete$/m);
    expect(stdout).not.toContain("\r"); // not redrawn in place when piped
    expect(stdout).toContain(`report written to ${join(out, "index.html")}`);
  });

  test("writes one self-contained page: no script, no link, no remote or file reference", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script|<link|<iframe/i);
    for (const [, url] of html.matchAll(/(?:src|href)="([^"]*)"/g)) expect(url.startsWith("data:image/png;base64,")).toBe(true);
    for (const id of SECTIONS) expect(html).toContain(`<section id="${id}" class="ok">`);
    expect(html).toContain("Every section ran and every check held.");
  });

  test.skipIf(!haveChromium("the report in a browser"))("opens in headless Chromium: plots drawn with their data, images decoded, no errors", async () => {
    await withChromium(async (context) => {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(String(error)));
      await page.goto(pathToFileURL(join(out, "index.html")).href);
      await page.waitForLoadState("load");
      const report = await page.evaluate(inspectReport);
      expect(errors).toEqual([]);
      expect(report.sections).toEqual(SECTIONS.map((id) => ({ id, failed: false })));
      // Every section but the kernels' draws plots: 1 + 2 + 4 + 4 + 3 + 1 + 1 (sparse) + 4 (deconvolution).
      expect(report.plots.length).toBe(20);
      for (const plot of report.plots) {
        expect(plot.problems, plot.caption).toEqual([]);
        expect(plot.marks, plot.caption).toBeGreaterThan(0);
        expect(plot.points, plot.caption).toBeGreaterThan(0);
      }
      // Camera: original, 3 ranks, blur; completion: original, observed, 4 methods, oracle; sparse:
      // the digits' atoms, clean, noisy, DCT, learned, the learned atoms, |AᵀA₀|; deconvolution: sharp,
      // blurred, deblurred, two kernels.
      expect(report.images.length).toBe(5 + 7 + 7 + 5);
      for (const image of report.images) expect(image).toMatchObject({ complete: true, decoded: true, pixels: true });
    });
  });
});

/** Runs in the page: what each section, plot and image looks like once rendered. */
function inspectReport() {
  const parse = (text: string) => Number(text.replace(/−/g, "-").replace(/,/g, ""));
  const plots = Array.from(document.querySelectorAll("figure.plot")).map((figure) => {
    const problems: string[] = [];
    const caption = figure.querySelector("figcaption")?.textContent ?? "";
    const svg = figure.querySelector("svg[data-plot]") as SVGSVGElement | null;
    if (svg === null) return { caption, marks: 0, points: 0, problems: ["no plot svg"] };
    const box = svg.getBoundingClientRect();
    // Marks: the groups Plot labels with the mark's name (axes are labelled "x-axis …", "y-axis …").
    const groups = Array.from(svg.querySelectorAll(":scope > g[aria-label]")).filter((g) => !/axis/.test(g.getAttribute("aria-label")!));
    const shapes = groups.flatMap((g) => Array.from(g.querySelectorAll("path, circle, rect, line")));
    for (const shape of shapes) {
      const r = shape.getBoundingClientRect();
      if (shape.tagName === "path" && !/\d/.test(shape.getAttribute("d") ?? "")) problems.push("an empty path");
      if (r.right < box.left - 2 || r.left > box.right + 2 || r.bottom < box.top - 2 || r.top > box.bottom + 2) problems.push(`a ${shape.tagName} outside the plot`);
    }
    // Axes: the tick labels are numbers, and the ticks cover the data's extent (within one tick step).
    for (const axis of ["x", "y"]) {
      const extent = figure.getAttribute(`data-${axis}-extent`);
      if (!extent) continue;
      const log = figure.getAttribute(`data-${axis}-type`) === "log";
      const scale = (v: number) => (log ? Math.log10(v) : v);
      const ticks = Array.from(svg.querySelectorAll(`g[aria-label="${axis}-axis tick label"] text`)).map((t) => parse(t.textContent ?? ""));
      if (ticks.length < 2 || !ticks.every(Number.isFinite)) {
        problems.push(`${axis} ticks ${JSON.stringify(ticks)}`);
        continue;
      }
      const t = ticks.map(scale).sort((a, b) => a - b);
      const step = Math.max(...t.slice(1).map((v, k) => v - t[k]));
      const [lo, hi] = (JSON.parse(extent) as number[]).map(scale);
      if (lo < t[0] - step || hi > t[t.length - 1] + step || hi < t[0] - step || lo > t[t.length - 1] + step) {
        problems.push(`${axis} ticks ${JSON.stringify(ticks)} do not cover the data ${extent}`);
      }
    }
    return { caption, marks: shapes.length, points: Number(figure.getAttribute("data-points")), problems };
  });
  // Images: decoded at their size, to the pixels that were encoded (the mean gray level of a canvas copy).
  const images = Array.from(document.querySelectorAll("img")).map((img) => {
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
    const context = canvas.getContext("2d")!;
    context.drawImage(img, 0, 0);
    const { data } = context.getImageData(0, 0, Math.max(1, canvas.width), Math.max(1, canvas.height));
    let sum = 0;
    for (let k = 0; k < data.length; k += 4) sum += data[k];
    const mean = sum / (data.length / 4);
    return {
      alt: img.alt,
      complete: img.complete,
      decoded: img.naturalWidth > 0 && img.naturalWidth === Number(img.dataset.width) && img.naturalHeight === Number(img.dataset.height),
      pixels: Math.abs(mean - Number(img.dataset.mean)) < 0.01,
    };
  });
  const sections = Array.from(document.querySelectorAll("section")).map((s) => ({ id: s.id, failed: s.classList.contains("failed") }));
  return { plots, images, sections };
}

describe("the command line", () => {
  test("--help lists every section and its options", () => {
    const help = execFileSync(process.execPath, [main, "--help"], { encoding: "utf8", cwd: root });
    expect(help).toMatch(/^Usage: npm start -- \[options\]/);
    for (const flag of ["--quick", "--sections=a,b", "--out=DIR", "--phase-transition.trials=V", "--landscape.n=V", "--camera.ranks=a,b,…"]) expect(help).toContain(flag);
    for (const id of SECTIONS) expect(help).toMatch(new RegExp(`^ {2}${id} `, "m"));
  });

  test("a bad argument stops with a message and exit code 2, before any work", () => {
    const run = spawnSync(process.execPath, [main, "--fast"], { encoding: "utf8", cwd: root });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown argument --fast (see --help)");
    expect(run.stdout).toBe("");
  });

  test("arguments pick the sections and set their options, --quick their quick values", async () => {
    const cli = (await import(/* @vite-ignore */ pathToFileURL(join(root, "demo/cli.mjs")).href)) as {
      parseArguments(argv: string[], sections: object[]): { sections: { id: string }[]; options: Record<string, Record<string, unknown>>; out: string; quick: boolean };
    };
    const sections = [
      { id: "a", options: { n: { type: "integer", default: 50, quick: 10, help: "" }, rates: { type: "numbers", default: [0.1], help: "" } } },
      { id: "b", options: { workers: { type: "integer", help: "" } } },
    ];
    const full = cli.parseArguments([], sections);
    expect([full.sections.map((s) => s.id), full.options, full.out, full.quick]).toEqual([["a", "b"], { a: { n: 50, rates: [0.1] }, b: { workers: undefined } }, undefined, false]);
    const quick = cli.parseArguments(["--quick", "--sections=a", "--a.rates=0.2,0.4", "--out=x"], sections);
    expect([quick.sections.map((s) => s.id), quick.options, quick.out]).toEqual([["a"], { a: { n: 10, rates: [0.2, 0.4] } }, "x"]);
    expect(cli.parseArguments(["--quick", "--a.n=7"], sections).options.a.n).toBe(7);
    for (const [args, message] of [
      [["--sections=a,lasso"], "--sections: unknown section lasso; the sections are a, b"],
      [["--a.size=3"], "unknown option --a.size (see --help)"],
      [["--a.n=-3"], "--a.n: expected a positive integer, got -3"],
      [["--a.n=2.5"], "--a.n: expected a positive integer, got 2.5"],
      [["--a.rates=0.1,x"], '--a.rates: expected a number, got "x"'],
    ] as const) {
      expect(() => cli.parseArguments([...args], sections)).toThrow(message);
    }
  });
});

describe("the frame", () => {
  test("a section that throws, or whose check fails, is shown failed in the page and the terminal", async () => {
    const frame = (await import(/* @vite-ignore */ pathToFileURL(join(root, "demo/frame.mjs")).href)) as {
      runSection(section: object, options: object, quick: boolean): Promise<{ status: string; checks: { ok: boolean }[]; html: string; error?: string }>;
    };
    const page = (await import(/* @vite-ignore */ pathToFileURL(join(root, "demo/page.mjs")).href)) as {
      renderPage(report: object): string;
    };
    const log = console.log;
    const error = console.error;
    const written: string[] = [];
    const write = process.stdout.write;
    console.error = console.log = (...args: unknown[]) => void written.push(args.join(" "));
    process.stdout.write = ((chunk: string) => (written.push(chunk), true)) as typeof process.stdout.write;
    try {
      const throwing = await frame.runSection(
        { id: "broken", title: "A broken section", run: async (report: { text(t: string): void }) => { report.text("before the failure"); throw new RangeError("the data went missing"); } },
        {},
        true,
      );
      const checked = await frame.runSection(
        { id: "wrong", title: "A wrong claim", run: async (report: { check(ok: boolean, m: string): void }) => { report.check(true, "this holds"); report.check(false, "this does not"); } },
        {},
        true,
      );
      const fine = await frame.runSection({ id: "fine", title: "A fine section", run: async () => {} }, {}, true);
      expect([throwing.status, checked.status, fine.status]).toEqual(["failed", "failed", "ok"]);
      expect(throwing.html).toContain("<p>before the failure</p>");
      expect(throwing.html).toMatch(/This section failed<\/strong> — it stopped here with:<pre>RangeError: the data went missing/);
      expect(checked.html).toContain('<p class="check failed">✗ failed: this does not</p>');
      const html = page.renderPage({ title: "t", facts: {}, results: [throwing, checked, fine] });
      expect(html).toContain("2 section(s) failed: A broken section; A wrong claim.");
      expect(html).toContain('<section id="broken" class="failed"><h2>A broken section — FAILED</h2>');
      expect(written.join("")).toContain("this section FAILED");
      expect(written.join("")).toContain("✗ FAILED: this does not");
    } finally {
      console.log = log;
      console.error = error;
      process.stdout.write = write;
    }
  });
});
