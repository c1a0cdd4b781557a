// Headless Chromium for the browser tests: whether it is installed (said loudly when not, and a
// failure under CI), and a fresh persistent context with the flags every browser test uses.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** True when Debian's Chromium is installed; otherwise warns (throws under CI) that `what` cannot be checked. */
export function haveChromium(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `Chromium is not installed at ${CHROMIUM}: ${what} CANNOT be checked here (apt-get install chromium; .ci/run does this)`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n!!! ${message} !!!\n`);
  return false;
}

/** Runs `use` in headless Chromium with a fresh profile, then closes it and removes the profile. */
export async function withChromium<T>(use: (context: BrowserContext) => Promise<T>): Promise<T> {
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "benign-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    return await use(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
