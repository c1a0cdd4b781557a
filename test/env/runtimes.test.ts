// The built bundle (dist/benign.js) imported and run for real in Node (plain, and with relaxed
// SIMD enabled), in Deno and in headless Chromium. Every runtime must report numbers identical
// to Node's run of the same checks.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serveStatic } from "./static-server.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const runner = join(root, "test/env/run-smoke.mjs");
const CHROMIUM = "/usr/bin/chromium";

interface SmokeResult {
  features: { binary: string; simd: boolean; relaxedSimd: boolean };
  uniform: number[];
  normal: number[];
  errors: Record<string, number>;
  buffersLive: number;
  error?: string;
}

function runNode(flags: string[]): SmokeResult {
  return JSON.parse(execFileSync(process.execPath, [...flags, runner], { encoding: "utf8" }));
}

// Each kernel's error against its plain-JS reference, on data of unit scale: a few ulps times
// the accumulation length (≤ 1001 terms) stays far below 1e-12; a wrong kernel gives O(1).
const TOLERANCE = 1e-12;

function checkNumbers(result: SmokeResult): void {
  expect(result.error).toBeUndefined();
  expect(Object.keys(result.errors)).toEqual(["dot", "gemm", "fft", "convolve", "svd", "softThreshold", "sampledProduct"]);
  for (const [kernel, error] of Object.entries(result.errors)) {
    expect({ kernel, error: error < TOLERANCE }).toEqual({ kernel, error: true });
  }
  expect(result.errors.softThreshold).toBe(0); // exact in every build
  expect(result.buffersLive).toBe(0);
}

function checkAgainst(reference: SmokeResult, other: SmokeResult): void {
  checkNumbers(other);
  expect(other.uniform).toEqual(reference.uniform);
  expect(other.normal).toEqual(reference.normal);
}

let node: SmokeResult;
beforeAll(() => {
  node = runNode([]);
});

describe("the bundle in Node", () => {
  test("picks the SIMD build and computes correct numbers", () => {
    expect(node.features.simd).toBe(true);
    checkNumbers(node);
    expect(node.uniform.every((u) => u >= 0 && u < 1)).toBe(true);
  });

  test("picks the relaxed-SIMD build when the flag enables it, with the same numbers", () => {
    const relaxed = runNode(["--experimental-wasm-relaxed-simd"]);
    expect(relaxed.features).toEqual({ binary: "relaxed-simd", simd: true, relaxedSimd: true });
    checkAgainst(node, relaxed);
  });
});

describe("the bundle in Deno", () => {
  test("runs and agrees with Node", () => {
    const deno = join(root, "node_modules/.bin/deno");
    const out = execFileSync(deno, ["run", "--quiet", "--no-prompt", `--allow-read=${root}`, runner], {
      encoding: "utf8",
      env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    });
    const result: SmokeResult = JSON.parse(out);
    expect(result.features).toEqual({ binary: "relaxed-simd", simd: true, relaxedSimd: true });
    checkAgainst(node, result);
  });
});

describe("the bundle in headless Chromium", () => {
  const haveChromium = existsSync(CHROMIUM);
  if (!haveChromium) {
    const message = `Chromium is not installed at ${CHROMIUM}: the browser run CANNOT be checked here (apt-get install chromium; .ci/run does this)`;
    if (process.env.CI) throw new Error(message);
    console.warn(`\n!!! ${message} !!!\n`);
  }

  let server: Awaited<ReturnType<typeof serveStatic>>;
  let profile: string;
  beforeAll(async () => {
    server = await serveStatic(root);
    profile = mkdtempSync(join(tmpdir(), "benign-chromium-"));
  });
  afterAll(async () => {
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test.skipIf(!haveChromium)("runs and agrees with Node", async () => {
    const { chromium } = await import("playwright-core");
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/test/env/browser.html`);
      await page.waitForFunction(() => (window as { smokeResult?: unknown }).smokeResult !== undefined);
      const result = (await page.evaluate(() => (window as { smokeResult?: unknown }).smokeResult)) as SmokeResult;
      checkAgainst(node, result);
      expect(result.features).toEqual({ binary: "relaxed-simd", simd: true, relaxedSimd: true });
    } finally {
      await context.close();
    }
  });
});
