// Every exported function has a runnable example — an @example in its doc comment, or
// docs/examples/<name>.mjs, which the API reference shows in its place — and every example runs
// against the built package (dist/benign.js, imported as "benign") without throwing, printing
// its result.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { publicApi, root, tagText, type PublicExport } from "./public-api.js";

const EXAMPLES = join(root, "docs/examples");

let functions: PublicExport[];
let files: string[];
beforeAll(() => {
  functions = publicApi().exports.filter((e) => e.isFunction);
  files = readdirSync(EXAMPLES).filter((f) => f.endsWith(".mjs"));
});

/** The code of the fenced blocks of a function's @example tags. */
function inlineExamples(f: PublicExport): string[] {
  return f.tags.filter((t) => t.name === "example").flatMap((t) => {
    const blocks = [...tagText(t).matchAll(/```(?:js|ts)\n([\s\S]*?)```/g)].map((m) => m[1]);
    return blocks.length > 0 ? blocks : [tagText(t)];
  });
}

test("every exported function has an example, inline or in docs/examples/, and not both", () => {
  const names = new Set(functions.map((f) => f.name));
  const withFile = new Set(files.map((f) => f.slice(0, -".mjs".length)));
  expect(functions.filter((f) => inlineExamples(f).length === 0 && !withFile.has(f.name)).map((f) => `${f.name} (${f.where})`)).toEqual([]);
  expect(functions.filter((f) => inlineExamples(f).length > 0 && withFile.has(f.name)).map((f) => f.name)).toEqual([]);
  expect([...withFile].filter((name) => !names.has(name))).toEqual([]);
});

test("every example runs against the built package and prints its result", () => {
  // Inline examples are written next to the package (so "benign" resolves to it by self-reference).
  const inline = join(root, ".examples");
  rmSync(inline, { recursive: true, force: true });
  mkdirSync(inline);
  try {
    const paths = files.map((f) => join(EXAMPLES, f));
    for (const f of functions) {
      inlineExamples(f).forEach((code, i) => {
        const path = join(inline, `${f.name}.${i}.mjs`);
        writeFileSync(path, code);
        paths.push(path);
      });
    }
    const output = execFileSync(process.execPath, [join(root, "test/docs/run-examples.mjs"), ...paths], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
    const results: { file: string; lines: string[]; error?: string }[] = JSON.parse(output);
    expect(results.length).toBe(paths.length);
    expect(results.filter((r) => r.error !== undefined).map((r) => `${r.file}: ${r.error}`)).toEqual([]);
    expect(results.filter((r) => r.lines.length === 0).map((r) => r.file)).toEqual([]);
  } finally {
    rmSync(inline, { recursive: true, force: true });
  }
});
