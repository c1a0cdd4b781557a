// The README's "Five lines per problem": every example run for real against the built package in
// Node (imported as "benign", through the package's own exports), in Deno and in headless
// Chromium (the same code, the import pointed at dist/benign.js), and the Deno, browser page and
// Observable cell forms of the completion example as written. Each printed line must equal its
// comment (the text before " — ").
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { haveChromium, withChromium } from "./helpers/chromium.js";
import { serveStatic } from "./env/static-server.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const folder = join(root, ".readme-tour");

interface Block {
  /** The fence's info string: "js", "js deno", "js observable" or "html". */
  readonly kind: string;
  readonly code: string;
}

/** The fenced blocks of the README between `from` and the next level-2 heading. */
function blocks(from: string): Block[] {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const start = readme.indexOf(from);
  expect(start).toBeGreaterThan(-1);
  const section = readme.slice(start, readme.indexOf("\n## ", start + from.length));
  return [...section.matchAll(/```([a-z ]+)\n([\s\S]*?)```/g)].map((m) => ({ kind: m[1], code: m[2] }));
}

/** What each console.log line of `code` says it prints: its comment, up to " — ". */
function expectedLines(code: string): string[] {
  return code
    .split("\n")
    .filter((line) => line.includes("console.log("))
    .map((line) => {
      const comment = line.slice(line.lastIndexOf("// ") + 3);
      return comment.split(" — ")[0].trim();
    });
}

const tour = blocks("## Five lines per problem");
const examples = tour.filter((b) => b.kind === "js");
const withBundle = (code: string, path: string): string => code.replace(/from "benign"/, `from "${path}"`);

beforeAll(() => mkdirSync(folder, { recursive: true }));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

test("the section has an example per problem, and every example says what it prints", () => {
  expect(examples.length).toBeGreaterThanOrEqual(9);
  for (const { code } of examples) {
    expect(code).toContain('from "benign"');
    expect(expectedLines(code).length).toBeGreaterThan(0);
    // Five lines of work: the import and `await init()` aside.
    const body = code.trim().split("\n").filter((line) => !line.startsWith("import") && line !== "await init();");
    expect(body.length).toBeLessThanOrEqual(5);
  }
});

describe("in Node", () => {
  test.each(examples.map((b, k) => [k, b.code] as const))("example %i prints what its comments say", (k, code) => {
    const file = join(folder, `node-${k}.mjs`);
    writeFileSync(file, code);
    const lines = execFileSync(process.execPath, [file], { encoding: "utf8" }).trim().split("\n");
    expect(lines).toEqual(expectedLines(code));
  });
});

/** A module that runs every example in turn, printing a marker line before each. */
function driver(bundle: string, prefix: string): string {
  examples.forEach(({ code }, k) => writeFileSync(join(folder, `${prefix}-${k}.mjs`), withBundle(code, bundle)));
  const imports = examples.map((_, k) => `console.log("=== ${k}");\nawait import("./${prefix}-${k}.mjs");`).join("\n");
  return `${imports}\nconsole.log("=== done");\n`;
}

/** The printed lines grouped by example, from the driver's output. */
function byExample(lines: string[]): string[][] {
  const groups: string[][] = [];
  for (const line of lines) {
    if (line.startsWith("=== ")) {
      if (line !== "=== done") groups.push([]);
    } else groups[groups.length - 1].push(line);
  }
  expect(lines[lines.length - 1]).toBe("=== done");
  return groups;
}

test("in Deno: every example, and the Deno form as written", () => {
  writeFileSync(join(folder, "deno.mjs"), driver("../dist/benign.js", "deno"));
  const deno = (file: string): string[] =>
    execFileSync(join(root, "node_modules/.bin/deno"), ["run", "--quiet", "--no-prompt", `--allow-read=${root}`, file], {
      encoding: "utf8",
      cwd: root,
      env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    })
      .trim()
      .split("\n");
  expect(byExample(deno(join(folder, "deno.mjs")))).toEqual(examples.map((b) => expectedLines(b.code)));

  const [denoForm] = tour.filter((b) => b.kind === "js deno");
  expect(denoForm.code).toContain('from "./dist/benign.js"');
  const file = join(root, ".readme-tour-deno.mjs"); // beside dist/, as the comment says
  writeFileSync(file, denoForm.code);
  try {
    expect(deno(file)).toEqual(expectedLines(denoForm.code));
  } finally {
    rmSync(file, { force: true });
  }
});

describe("in headless Chromium", () => {
  const available = haveChromium("the README's examples in a browser");
  let server: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    server = await serveStatic(root, ["/dist/", "/.readme-tour/"]);
  });
  afterAll(async () => server?.close());

  /** Keeps Chromium from asking the server for /favicon.ico (a 404 in the console). */
  const NO_ICON = '<link rel="icon" href="data:,">';

  /** Opens `page` and returns what it logs until it logs `last`; any page error fails. */
  async function logs(path: string, until: (line: string) => boolean): Promise<string[]> {
    return withChromium(async (context) => {
      const page = await context.newPage();
      const lines: string[] = [];
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(String(error)));
      page.on("console", (message) => (message.type() === "error" ? errors.push(message.text()) : lines.push(message.text())));
      await page.goto(`${server.url}${path}`);
      await page.waitForFunction(() => (window as { finished?: boolean }).finished === true, undefined, { timeout: 60_000 });
      expect(errors).toEqual([]);
      expect(lines.some(until)).toBe(true);
      return lines;
    });
  }

  test.skipIf(!available)("every example, in a page", async () => {
    const html = `<!doctype html><meta charset="utf-8">${NO_ICON}<script type="module">\n${driver("/dist/benign.js", "browser")}window.finished = true;\n</script>`;
    writeFileSync(join(folder, "examples.html"), html);
    const lines = await logs("/.readme-tour/examples.html", (line) => line === "=== done");
    expect(byExample(lines)).toEqual(examples.map((b) => expectedLines(b.code)));
  });

  test.skipIf(!available)("the page form as written", async () => {
    const [page] = tour.filter((b) => b.kind === "html");
    expect(page.code).toContain('from "./benign.js"');
    // The page beside its copy of benign.js: served from dist/, the folder the bundle is in.
    const code = NO_ICON + page.code.replace("</script>", "  window.finished = true;\n</script>");
    writeFileSync(join(folder, "page.html"), code.replace('from "./benign.js"', 'from "/dist/benign.js"'));
    const lines = await logs("/.readme-tour/page.html", () => true);
    expect(lines).toEqual(expectedLines(page.code));
  });
});

test("the Observable cells, evaluated as Observable does (an async block with benign in scope)", async () => {
  const cells = tour.filter((b) => b.kind === "js observable").map((b) => b.code.trim());
  expect(cells).toHaveLength(2);
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  // Cell 1, `benign = import(…)`, with FileAttachment giving the attached file's URL.
  const [name1, expression] = cells[0].split(/ = ([\s\S]*)/);
  expect(name1).toBe("benign");
  const FileAttachment = (file: string) => ({ url: async () => pathToFileURL(join(root, "dist", file)).href });
  // (a Function body has no dynamic-import hook under the test runner: import() is passed in)
  const run = new AsyncFunction("FileAttachment", "dynamicImport", `return ${expression.replace(/^import\(/, "dynamicImport(")};`);
  const benign = await run(FileAttachment, (url: string) => import(url));
  // Cell 2, `recovered = { … }`: a block cell, its body run with benign in scope.
  const [name2, block] = cells[1].split(/ = ([\s\S]*)/);
  expect(name2).toBe("recovered");
  const body = block.trim().slice(1, -1);
  expect(await new AsyncFunction("benign", body)(benign)).toBe(true);
  expect(body).toContain("// true");
});
