// The pool through the built bundle in Deno and in headless Chromium (module Web Workers): two
// workers give the records of the calling thread.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serveStatic } from "../env/static-server.js";
import { haveChromium, withChromium } from "../helpers/chromium.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const here = join(root, "test/phase-transition");

interface PoolCheck {
  features: { binary: string };
  workers: number[];
  one: { success: boolean; record: { relativeError: string } }[];
  two: unknown[];
  rates: number[];
  buffersLive: number;
  error?: string;
}

function check(result: PoolCheck): void {
  expect(result.error).toBeUndefined();
  expect(result.features.binary).toBe("relaxed-simd");
  expect(result.workers).toEqual([1, 2]);
  expect(result.two).toEqual(result.one);
  expect(result.one).toHaveLength(8);
  // Rank 1 at 60% is recovered on both trials: the records hold real fits, not placeholders.
  expect(result.rates[1]).toBe(1);
  expect(Number(result.one[2].record.relativeError)).toBeLessThan(1e-8);
  expect(result.buffersLive).toBe(0);
}

describe("the pool in Deno", () => {
  test("two workers give the records of the calling thread", () => {
    const deno = join(root, "node_modules/.bin/deno");
    const out = execFileSync(deno, ["run", "--quiet", "--no-prompt", `--allow-read=${root}`, join(here, "run-pool-check.mjs")], {
      encoding: "utf8",
      env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    });
    check(JSON.parse(out));
  });
});

describe("the pool in headless Chromium", () => {
  let server: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    server = await serveStatic(root);
  });
  afterAll(async () => {
    await server?.close();
  });

  test.skipIf(!haveChromium("the browser pool"))("two workers give the records of the calling thread", async () => {
    const result = await withChromium(async (context) => {
      const page = await context.newPage();
      // The shared server serves dist/; this folder's page and check module are served from here.
      await page.route(`${server.url}/test/phase-transition/*`, (route) => {
        const file = new URL(route.request().url()).pathname.split("/").pop()!;
        const contentType = file.endsWith(".html") ? "text/html; charset=utf-8" : "text/javascript; charset=utf-8";
        return route.fulfill({ contentType, body: readFileSync(join(here, file)) });
      });
      await page.goto(`${server.url}/test/phase-transition/browser.html`);
      await page.waitForFunction(() => (window as { poolResult?: unknown }).poolResult !== undefined, undefined, { timeout: 60_000 });
      return (await page.evaluate(() => (window as { poolResult?: unknown }).poolResult)) as PoolCheck;
    });
    check(result);
  });
});
