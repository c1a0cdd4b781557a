// The README's first example, run for real against the built package (imported as "benign"
// through the package's own exports), so the README stays true.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

test("the README's first example runs and prints what its comments say", () => {
  const readme = readFileSync(`${root}/README.md`, "utf8");
  const section = readme.slice(readme.indexOf("## A first example"));
  const code = section.slice(section.indexOf("```js") + 5, section.indexOf("```", section.indexOf("```js") + 5));
  const file = `${root}/.readme-example.mjs`;
  writeFileSync(file, code);
  let out: string;
  try {
    out = execFileSync(process.execPath, [file], { encoding: "utf8" });
  } finally {
    rmSync(file, { force: true });
  }
  const lines = out.trim().split("\n");
  expect(lines[0]).toBe("[ [ 4, 2 ], [ 2, 6 ] ]");
  const singular = lines[1].slice(lines[1].indexOf("[")).match(/[\d.]+/g)!.map(Number);
  expect(singular[0]).toBeCloseTo(Math.sqrt(15 + Math.sqrt(125)), 12);
  expect(singular[1]).toBeCloseTo(Math.sqrt(15 - Math.sqrt(125)), 12);
  expect(code).toContain("// Float64Array [5.1166…, 1.9543…]");
  expect(lines[2]).toBe("Float64Array(4) [ 1, 1, 1, 1 ]");
  expect(lines[3]).toBe("Float64Array(3) [ -1, 0, 2 ]");
});
