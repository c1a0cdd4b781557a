// Aborting a running solver in Chromium, on a page and in a worker. While yieldToEventLoop()
// used scheduler.yield(), whose continuation Chromium runs before every pending task of normal
// priority (timers and message events included), neither a timer (AbortSignal.timeout) on the
// page nor a "stop" message to a worker was delivered while a solver ran, and the solver ran
// until its maxTime; a MessageChannel message queues behind them.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { haveChromium, launchChromium, startExplorer } from "./session.js";

interface Outcome { reason: string; time: number }

const enabled = haveChromium();
let server: Awaited<ReturnType<typeof startExplorer>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!enabled) return;
  server = await startExplorer();
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// Gradient descent on Σᵢ iᵢ·xᵢ² (condition 10⁴, n = 10⁴): thousands of iterations, far more than
// the 1.5 s budget; the abort is due after 100 ms.
const SOLVER = `
  const n = 10000;
  const weights = Float64Array.from({ length: n }, (_, i) => 1 + i);
  const problem = {
    manifold: benign.euclidean(n),
    cost: (x) => { let f = 0; for (let i = 0; i < n; i++) f += weights[i] * x[i] * x[i]; return f; },
    egrad: (x) => x.map((v, i) => 2 * weights[i] * v),
  };
  const solve = (signal) => benign.gradientDescent(problem, new Float64Array(n).fill(1), { signal, maxTime: 1500, maxIterations: 1e9, gradientTolerance: 0 });
`;

describe.skipIf(!enabled)("aborting a solver in Chromium", () => {
  test("on the page, AbortSignal.timeout(100) stops a running solver", async () => {
    // A string, not a function: vitest would rewrite a function's import() for Node.
    const outcome: Outcome = await page.evaluate(`(async () => {
      const benign = await import("${server.url}../dist/benign.js");
      await benign.init();
      ${SOLVER}
      const result = await solve(AbortSignal.timeout(100));
      return { reason: result.reason, time: result.time };
    })()`);
    expect(outcome.reason).toBe("aborted");
    expect(outcome.time).toBeLessThan(1000);
  });

  test("in a worker, a posted stop message aborts a running solver", async () => {
    const outcome: Outcome = await page.evaluate(async (solver) => {
      const source = `
        import * as benign from "${location.origin}/dist/benign.js";
        await benign.init();
        ${solver}
        const controller = new AbortController();
        self.onmessage = () => controller.abort();
        self.postMessage("started");
        const result = await solve(controller.signal);
        self.postMessage({ reason: result.reason, time: result.time });`;
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })), { type: "module" });
      return new Promise((resolve) => {
        worker.onmessage = ({ data }) => {
          if (data === "started") setTimeout(() => worker.postMessage("stop"), 100);
          else resolve(data);
        };
      });
    }, SOLVER);
    expect(outcome.reason).toBe("aborted");
    expect(outcome.time).toBeLessThan(1000);
  });
});
