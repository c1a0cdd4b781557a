// The API reference builds as `npm run docs` builds it (TypeDoc, typedoc.json), with TypeDoc's
// validation warnings treated as errors: a type the public API refers to but does not export, or
// a broken {@link}, fails here instead of leaving a hole in the reference.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

test("TypeDoc builds the reference with no validation warning", () => {
  const out = mkdtempSync(join(tmpdir(), "benign-typedoc-"));
  try {
    const typedoc = join(root, "node_modules/.bin/typedoc");
    const log = execFileSync(typedoc, ["--treatValidationWarningsAsErrors", "--out", out], { cwd: root, encoding: "utf8" });
    expect(log).toContain("html generated");
    expect(log).not.toMatch(/not included in the documentation|Failed to resolve link/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 120_000);
