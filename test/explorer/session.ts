// The explorer tests' fixtures: the real `npm run explore` server (scripts/explore.mjs, without the
// build step the test run has already done) and headless Chromium (Debian's package, as test/env/).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";

export const root = fileURLToPath(new URL("../..", import.meta.url));
const CHROMIUM = "/usr/bin/chromium";

/** Whether Chromium is installed; without it the tests skip loudly, except under CI where they fail. */
export function haveChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `Chromium is not installed at ${CHROMIUM}: the explorer CANNOT be checked here (apt-get install chromium; .ci/run does this)`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n!!! ${message} !!!\n`);
  return false;
}

/** Starts scripts/explore.mjs on a free port; resolves with the explorer's URL once it listens. */
export function startExplorer(): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, ["scripts/explore.mjs", "--no-build", "--port", "0"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) resolve();
      else {
        child.once("exit", () => resolve());
        child.kill();
      }
    });
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\/explorer\//.exec(output)?.[0];
      if (url) resolve({ url, close });
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.once("exit", (code) => reject(new Error(`scripts/explore.mjs exited with ${code}:\n${output}`)));
  });
}

/** Headless Chromium, as the other browser tests launch it. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}
