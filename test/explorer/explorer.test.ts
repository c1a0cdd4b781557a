// The browser explorer (explorer/, served by scripts/explore.mjs) in headless Chromium: it loads
// without a console error, every catalog entry runs in the worker with numbers in the ranges the
// mathematics fixes (checked against closed forms and plain-JS loops), Stop aborts a long run while
// the page stays responsive, a second run works, bad input is reported. Screenshots go to report/.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bernoulliGaussian, convolutionalData, init, randomKernel, randomOrthogonal } from "../../src/index.js";
import { lassoReference } from "../deconvolution/fixtures.js";
// @ts-expect-error plain JS, no declarations
import { shiftBasis } from "../../explorer/landscapes/deconvolution.mjs";
import { haveChromium, launchChromium, root, startExplorer } from "./session.js";

interface Mark { x: number; y: number; kind: string; label: string; cost?: number }
interface Heatmap { width: number; height: number; values: Float64Array; x1: number; x2: number; y1: number; y2: number }
interface Summary {
  reason: string; iterations: number; cost: number; error: number; gradientNorm: number;
  history: { cost: Float64Array }; details: [string, unknown][];
  heatmap: Heatmap; marks: Mark[];
}
interface Run {
  id: string; outcome: string; error: string | null; longestGap: number;
  records: { iteration: number; cost: number; error: number; plane?: [number, number] }[];
  summary: Summary | null; view: { heatmap: Heatmap; marks: Mark[] } | null;
}
interface Explorer { status: string; features: { binary: string } | null; runs: Run[] }

const enabled = haveChromium();
let server: Awaited<ReturnType<typeof startExplorer>>;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!enabled) return;
  await init();
  server = await startExplorer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") consoleErrors.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`page error: ${error.message}`));
  await page.goto(server.url);
  await page.waitForFunction(() => (window as unknown as { explorer?: Explorer }).explorer?.status === "ready", null, { timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const state = (): Promise<Explorer> => page.evaluate(() => (window as unknown as { explorer: Explorer }).explorer);

/** Picks a catalog entry (its form back at the defaults), then sets the given fields. */
async function choose(id: string, fields: Record<string, string | number> = {}): Promise<void> {
  await page.selectOption("#entry", id);
  for (const [name, value] of Object.entries(fields)) {
    const selector = `#fields [name="${name}"]`;
    if ((await page.$eval(selector, (e) => e.tagName)) === "SELECT") await page.selectOption(selector, String(value));
    else await page.fill(selector, String(value));
  }
}

/** Clicks Run and waits until the run ends; returns the page's record of it. */
async function run(): Promise<Run> {
  await page.click("#run");
  await page.waitForFunction(() => (window as unknown as { explorer: Explorer }).explorer.status !== "running", null, { timeout: 60_000 });
  return (await state()).runs.at(-1)!;
}

/** Waits until the named charts are drawn (an SVG in each slot). */
async function chartsDrawn(...names: string[]): Promise<void> {
  for (const name of names) await page.waitForSelector(`#charts [data-chart="${name}"] svg`);
}

async function screenshot(name: string): Promise<void> {
  mkdirSync(join(root, "report"), { recursive: true });
  await page.screenshot({ path: join(root, "report", name), fullPage: true });
}

/** The angle in degrees between the unit vectors at two (longitude, latitude) points. */
function angleBetween(a: { x: number; y: number }, b: { x: number; y: number }): number {
  const unit = ({ x, y }: { x: number; y: number }) => {
    const [lon, lat] = [(x * Math.PI) / 180, (y * Math.PI) / 180];
    return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
  };
  const [u, v] = [unit(a), unit(b)];
  // atan2(‖u × v‖, u·v): accurate at small angles, where acos(u·v) is not.
  const cross = Math.hypot(u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]);
  return (Math.atan2(cross, u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) * 180) / Math.PI;
}

describe.skipIf(!enabled)("the explorer in headless Chromium", () => {
  test("loads with every catalog entry, the worker on the relaxed-SIMD build, no console error", async () => {
    const s = await state();
    expect(s.features?.binary).toBe("relaxed-simd");
    expect(await page.textContent("#engine")).toContain("relaxed-simd");
    const options = await page.$$eval("#entry option", (o) => o.map((e) => (e as HTMLOptionElement).value));
    expect(options).toEqual(["completion", "sensing", "saddle", "rank-one-slice", "sphere-dictionary", "deconvolution"]);
    expect(consoleErrors).toEqual([]);
  });

  test("completion (ALS): every iteration reaches the page, cost and error modulo rotation fall to ~0", async () => {
    await choose("completion");
    const r = await run();
    expect(r.outcome).toBe("done");
    const s = r.summary!;
    expect(s.reason).toBe("gradient-tolerance");
    // One record per iteration, in order, from the start (iteration 0) to the last.
    expect(r.records.map((x) => x.iteration)).toEqual(Array.from({ length: s.iterations + 1 }, (_, i) => i));
    // A spectral start from 20% of a well-conditioned rank-5 matrix is close but not exact.
    expect(r.records[0].error).toBeGreaterThan(1e-3);
    expect(r.records[0].error).toBeLessThan(1);
    expect(s.error).toBeLessThan(1e-7);
    expect(r.records.at(-1)!.error).toBe(s.error);
    const costs = Array.from(s.history.cost);
    expect(costs.at(-1)!).toBeLessThan(1e-12 * costs[0]);
    await chartsDrawn("cost", "error");
    expect(await page.textContent("#status")).toMatch(/^gradient-tolerance after \d+ iterations/);
    expect(await page.textContent("#details")).toContain("observed entries");
  });

  test("Stop aborts a long run through the solver's signal; the main thread stays responsive", { retry: 2 }, async () => {
    // Gradient descent from a random start on an ill-conditioned (κ = 10⁴) 1000×1000 rank-10 matrix:
    // far more than the seconds this test waits.
    await choose("completion", { rows: 1000, cols: 1000, rank: 10, condition: 10000, fraction: 0.1, method: "gd", init: "random", maxIterations: 1000000 });
    await page.click("#run");
    await page.waitForFunction(() => (window as unknown as { explorer: Explorer }).explorer.runs.at(-1)!.records.length >= 30, null, { timeout: 30_000 });
    const before = performance.now();
    await page.click("#stop");
    await page.waitForFunction(() => (window as unknown as { explorer: Explorer }).explorer.status !== "running", null, { timeout: 5_000 });
    const latency = performance.now() - before;
    const r = (await state()).runs.at(-1)!;
    expect(r.outcome).toBe("stopped");
    expect(r.summary!.reason).toBe("aborted");
    expect(r.summary!.iterations).toBeLessThan(1000000);
    expect(r.summary!.error).toBeGreaterThan(1e-6); // stopped long before convergence
    expect(latency).toBeLessThan(2000);
    // The solver runs in the worker: timer ticks every 10 ms on the page never wait 100 ms.
    expect(r.longestGap).toBeGreaterThan(0);
    expect(r.longestGap).toBeLessThan(100);
    expect(await page.textContent("#status")).toMatch(/^stopped after \d+ iterations/);
  });

  test("a second run after Stop completes", async () => {
    await choose("completion", { method: "riemannian" });
    const r = await run();
    expect(r.outcome).toBe("done");
    expect(r.summary!.reason).toBe("gradient-tolerance");
    expect(r.summary!.error).toBeLessThan(1e-7);
  });

  test("matrix sensing recovers X = UUᵀ from a random start", async () => {
    await choose("sensing");
    const r = await run();
    expect(r.summary!.reason).toBe("gradient-tolerance");
    expect(r.records[0].error).toBeGreaterThan(0.1); // a random start is far
    expect(r.summary!.error).toBeLessThan(1e-8);
  });

  test("from the saddle √λ₂v₂: trust regions reach ±√λ₁v₁, gradient descent stays", async () => {
    await choose("saddle");
    const tr = await run();
    expect(tr.summary!.reason).toBe("gradient-tolerance");
    expect(tr.summary!.error).toBeLessThan(1e-8);
    expect(Object.fromEntries(tr.summary!.details)["final class"]).toBe("minimizer");
    // The path starts at the saddle (0, √λ₂) in the plane of v₁, v₂ and ends at (±√λ₁, 0).
    const marks = tr.view!.marks;
    const sqrtLambda1 = Math.max(...marks.map((m) => m.x));
    const sqrtLambda2 = Math.max(...marks.map((m) => m.y));
    const [start, end] = [tr.records[0].plane!, tr.records.at(-1)!.plane!];
    expect(Math.abs(start[0])).toBeLessThan(1e-12);
    expect(start[1]).toBeCloseTo(sqrtLambda2, 12);
    expect(Math.abs(Math.abs(end[0]) - sqrtLambda1)).toBeLessThan(1e-8);
    await chartsDrawn("cost", "error", "path");
    await screenshot("explorer.png");

    await choose("saddle", { method: "gradient-descent" });
    const gd = await run();
    // The gradient vanishes at the saddle: converged at iteration 0, at distance
    // ‖√λ₂v₂ ∓ √λ₁v₁‖ / √λ₁ = √(λ₁ + λ₂)/√λ₁ from the minimizers.
    expect(gd.summary!.reason).toBe("gradient-tolerance");
    expect(gd.summary!.iterations).toBe(0);
    expect(gd.summary!.error).toBeCloseTo(Math.hypot(sqrtLambda1, sqrtLambda2) / sqrtLambda1, 12);
  });

  test("the rank-one slice is the closed form ¼(‖X‖² − 2(λ₁a² + λ₂b²) + (a² + b²)²)", async () => {
    await choose("rank-one-slice", { n: 6, grid: 41 });
    const r = await run();
    expect(r.outcome).toBe("done");
    const { heatmap: h, marks } = r.summary!;
    expect(marks.map((m) => m.kind).sort()).toEqual(["maximizer", "minimizer", "minimizer", "saddle", "saddle"]);
    const quarterNormX = marks.find((m) => m.kind === "maximizer")!.cost!; // f(0) = ¼‖X‖²
    const l1 = Math.max(...marks.map((m) => m.x)) ** 2;
    const l2 = Math.max(...marks.map((m) => m.y)) ** 2;
    let worst = 0;
    for (let i = 0; i < h.height; i++) {
      for (let j = 0; j < h.width; j++) {
        const a = h.x1 + ((h.x2 - h.x1) * (j + 0.5)) / h.width;
        const b = h.y1 + ((h.y2 - h.y1) * (i + 0.5)) / h.height;
        const f = quarterNormX - 0.5 * (l1 * a * a + l2 * b * b) + 0.25 * (a * a + b * b) ** 2;
        worst = Math.max(worst, Math.abs(h.values[i * h.width + j] - f) / quarterNormX);
      }
    }
    expect(worst).toBeLessThan(1e-12);
    await chartsDrawn("heatmap");
  });

  test("the S² dictionary landscape equals a plain-JS loop and its minima sit at the columns of A₀", async () => {
    const [samples, theta, seed] = [1500, 0.3, 4];
    await choose("sphere-dictionary", { samples, theta, seed, grid: 72 });
    const r = await run();
    expect(r.outcome).toBe("done");
    const { heatmap: h, marks, details } = r.summary!;
    // The same data in Node: A₀ and X from the same seeds, Y = A₀X by plain loops.
    const A = randomOrthogonal(3, { seed }).data;
    const X = bernoulliGaussian(3, samples, theta, { seed: seed + 1 }).data;
    const Y = Array.from({ length: 3 * samples }, (_, k) => {
      const [i, j] = [Math.floor(k / samples), k % samples];
      return A[i * 3] * X[j] + A[i * 3 + 1] * X[samples + j] + A[i * 3 + 2] * X[2 * samples + j];
    });
    for (let k = 0; k < h.values.length; k += 37) {
      const [i, j] = [Math.floor(k / h.width), k % h.width];
      const lat = ((90 - (180 * (i + 0.5)) / h.height) * Math.PI) / 180;
      const lon = ((-180 + (360 * (j + 0.5)) / h.width) * Math.PI) / 180;
      const q = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
      let f = 0;
      for (let s = 0; s < samples; s++) f -= (q[0] * Y[s] + q[1] * Y[samples + s] + q[2] * Y[2 * samples + s]) ** 4;
      expect(Math.abs(h.values[k] - f / samples)).toBeLessThan(1e-12 * Math.abs(f / samples));
    }
    const kinds = marks.map((m) => m.kind);
    expect(["minimizer", "saddle", "maximizer", "found"].map((k) => kinds.filter((x) => x === k).length)).toEqual([6, 12, 8, 1]);
    // The minimizers ±aᵢ: the columns of A₀ at their latitude and longitude.
    for (let c = 0; c < 3; c++) {
      const x = (Math.atan2(A[3 + c], A[c]) * 180) / Math.PI, y = (Math.asin(A[6 + c]) * 180) / Math.PI;
      expect(Math.min(...marks.filter((m) => m.kind === "minimizer").map((m) => angleBetween(m, { x, y })))).toBeLessThan(1e-9);
    }
    // The grid's lowest cell lies within a cell diagonal (5°·√2 at 72×36) plus the finite-sample
    // offset (a few degrees at p = 1500) of a minimizer; the refined point within the offset alone.
    let best = 0;
    for (let k = 1; k < h.values.length; k++) if (h.values[k] < h.values[best]) best = k;
    const cell = { x: -180 + (360 * ((best % h.width) + 0.5)) / h.width, y: 90 - (180 * (Math.floor(best / h.width) + 0.5)) / h.height };
    const minimizers = marks.filter((m) => m.kind === "minimizer");
    expect(Math.min(...minimizers.map((m) => angleBetween(m, cell)))).toBeLessThan(5 * Math.SQRT2 + 4);
    const found = marks.find((m) => m.kind === "found")!;
    const refinedAngle = Math.min(...minimizers.map((m) => angleBetween(m, found)));
    expect(refinedAngle).toBeLessThan(4);
    expect(Object.fromEntries(details)["refined by gradient descent on S²: angle (°)"]).toBeCloseTo(refinedAngle, 6);
    await chartsDrawn("heatmap");
    await screenshot("explorer-sphere.png");
  });

  test("the deconvolution landscape: values are lassos solved by a plain-JS FISTA, the minima at the signed shifts", async () => {
    const [n, m, theta, lambda, seed, resolution] = [6, 90, 0.08, 0.1, 2, 13];
    await choose("deconvolution", { n, m, theta, lambda, seed, resolution });
    const r = await run();
    expect(r.outcome).toBe("done");
    const { heatmap: h, marks, details } = r.summary!;
    expect([h.width, h.height]).toEqual([2 * resolution, resolution]);
    // The same data in Node; the sphere's basis by Gram–Schmidt in plain JS (u₃ ∝ b₁ + b₂ + b₃).
    const a0 = randomKernel(n, { seed });
    const y = convolutionalData(a0, m, { theta, seed: seed + 1 }).signal;
    const b: Float64Array[] = shiftBasis(a0);
    const dotp = (u: Float64Array, v: Float64Array) => u.reduce((s, x, i) => s + x * v[i], 0);
    const orth = (v: Float64Array, on: Float64Array[]) => {
      const w = v.slice();
      for (const u of on) {
        const c = dotp(w, u);
        w.forEach((_, i) => (w[i] -= c * u[i]));
      }
      const norm = Math.sqrt(dotp(w, w));
      return w.map((x) => x / norm);
    };
    const u3 = orth(b[0].map((v, i) => v + b[1][i] + b[2][i]), []);
    const u2 = orth(b[1], [u3]);
    const u1 = orth(b[0], [u3, u2]);
    const shape = { rows: 1, cols: m, windowRows: 1, windowCols: 3 * n };
    for (const k of [0, 2 * resolution + 5, 5 * 2 * resolution + 17, h.values.length - 1]) {
      const [i, j] = [Math.floor(k / h.width), k % h.width];
      const [t, p] = [(Math.PI * i) / (resolution - 1), (Math.PI * j) / resolution];
      const a = u1.map((_, q) => Math.sin(t) * Math.cos(p) * u1[q] + Math.sin(t) * Math.sin(p) * u2[q] + Math.cos(t) * u3[q]);
      const reference = lassoReference(shape, a, y, lambda, 3000).value;
      expect(Math.abs(h.values[k] - reference), `cell ${k}`).toBeLessThan(1e-6 * reference);
    }
    // Six signed shifts marked; the grid's lowest cell within a cell diagonal (15°·√2) of one.
    expect(marks.filter((mk) => mk.kind === "minimizer")).toHaveLength(6);
    const angle = Object.fromEntries(details)["grid minimum: angle to the nearest ±Sₛa₀ (°)"] as number;
    expect(angle).toBeLessThan(15 * Math.SQRT2);
    const found = marks.find((mk) => mk.kind === "found")!;
    expect(Math.min(...marks.filter((mk) => mk.kind === "minimizer").map((mk) => angleBetween(mk, found)))).toBeCloseTo(angle, 6);
    await chartsDrawn("heatmap");
    await screenshot("explorer-deconvolution.png");
  });

  test("bad input is reported, naming the field or the library's argument", async () => {
    await choose("completion", { rows: -3 });
    await page.click("#run");
    expect(await page.getAttribute("#status", "data-state")).toBe("invalid");
    expect(await page.textContent("#status")).toBe("invalid rows m: expected an integer in [2, 5000], got -3");
    await choose("completion", { rows: 3, cols: 3, rank: 5 });
    const r = await run();
    expect(r.outcome).toBe("error");
    expect(await page.textContent("#status")).toMatch(/^error: invalid rank: /);
  });

  test("no console error or warning during the whole session", () => {
    expect(consoleErrors).toEqual([]);
  });
});
