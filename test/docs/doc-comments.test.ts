// Every public export of benign carries a doc comment, and every options object documents each
// of its options, with its default (`@defaultValue`) when the option is optional. The API
// reference (`npm run docs`, TypeDoc) is generated from these comments.
import ts from "typescript";
import { beforeAll, expect, test } from "vitest";
import { publicApi, type PublicApi } from "./public-api.js";

let api: PublicApi;
beforeAll(() => {
  api = publicApi();
});

test("the public API is what src/index.ts exports (a few hundred names)", () => {
  const names = api.exports.map((e) => e.name);
  for (const name of ["init", "gemm", "fft", "svd", "completeMatrix", "senseLowRank", "trustRegions", "checkGradient", "Rng", "Matrix"]) {
    expect(names).toContain(name);
  }
  expect(names.length).toBeGreaterThan(250);
});

test("every public export has a doc comment", () => {
  const missing = api.exports.filter((e) => e.doc === "").map((e) => `${e.name} (${e.where})`);
  expect(missing).toEqual([]);
});

test("every option of every exported …Options interface is documented, each optional one with its @defaultValue", () => {
  const undocumented: string[] = [];
  const noDefault: string[] = [];
  for (const e of api.exports) {
    if (!(e.symbol.flags & ts.SymbolFlags.Interface) || !e.name.endsWith("Options")) continue;
    for (const member of api.checker.getPropertiesOfType(api.checker.getDeclaredTypeOfSymbol(e.symbol))) {
      const name = `${e.name}.${member.name}`;
      if (ts.displayPartsToString(member.getDocumentationComment(api.checker)).trim() === "") undocumented.push(name);
      const optional = (member.flags & ts.SymbolFlags.Optional) !== 0;
      if (optional && !member.getJsDocTags(api.checker).some((t) => t.name === "defaultValue")) noDefault.push(name);
    }
  }
  expect(undocumented).toEqual([]);
  expect(noDefault).toEqual([]);
});
