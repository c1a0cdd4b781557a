// The package as a consumer gets it: its files (npm pack), and its declarations type-checked in
// consumer projects — TypeScript with an ES2022 lib and full library checking, as Node ESM and as
// a bundler project, and Deno, which types `import … from "./dist/benign.js"` through the
// bundle's own `@ts-self-types` comment.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "benign-consumer-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(root, join(dir, "node_modules/benign"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// Uses the declarations in ways that fail to compile if a type is missing, wrong or `any`.
const consumer = (specifier: string) => `
import { init, leastSquares, identity, fromRows, runtime, gemm, matrixCompletion, observedFromTriples } from "${specifier}";
import type { LeastSquaresResult, QrResult, CircularConvolveOptions, InitOptions, FftPlanStats, WasmBuffer } from "${specifier}";

const options: InitOptions = { maxMemory: 2 ** 30 };
await init(options);
const fit: LeastSquaresResult<Float64Array> = leastSquares(identity(2), new Float64Array(2), { rcond: 1e-12 });
const rank: number = fit.rank;
// @ts-expect-error: X is a Float64Array
const notANumber: number = fit.X;
const q: QrResult | undefined = undefined;
const method: CircularConvolveOptions["method"] = "fft";
const stats: FftPlanStats | undefined = undefined;
const buffer: WasmBuffer<"f64"> = runtime().arena.f64(2);
buffer[Symbol.dispose]();
const problem = matrixCompletion(observedFromTriples(2, 2, [[0, 0, 1]]), { rank: 1 });
problem[Symbol.dispose]();
const product = gemm(fromRows([[1]]), fromRows([[2]]));
// @ts-expect-error: init takes no such option
await init({ memory: 1 });
export { rank, notANumber, q, method, stats, product };
`;

/** Type-checks the consumer in its own project with these compiler options; rejects with tsc's report. */
async function typeCheck(name: string, compilerOptions: Record<string, unknown>): Promise<void> {
  const project = join(dir, name);
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, "main.ts"), consumer("benign"));
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { target: "ES2022", strict: true, skipLibCheck: false, noEmit: true, types: [], ...compilerOptions },
      files: ["main.ts"],
    }),
  );
  try {
    await run(join(root, "node_modules/.bin/tsc"), ["-p", project], { encoding: "utf8", cwd: project });
  } catch (error) {
    throw new Error(`tsc failed for ${name}:\n${(error as { stdout: string }).stdout}`);
  }
}

// Each check is a separate process (a few seconds of CPU), so they run side by side.
describe.concurrent("the declarations in a consumer project", () => {
  test("type-check with lib ES2022 + DOM, skipLibCheck false and strict (Node ESM resolution)", async () => {
    await typeCheck("es2022", { module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"] });
  });

  test("type-check with lib ESNext as a bundler project: its Symbol.dispose merges with the package's", async () => {
    await typeCheck("esnext", { module: "ESNext", moduleResolution: "Bundler", lib: ["ESNext", "DOM"] });
  });

  test("deno check types an import of ./dist/benign.js without any annotation, and reports errors", async () => {
    const deno = join(root, "node_modules/.bin/deno");
    const env = { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
    const good = join(dir, "deno-good.ts");
    const bad = join(dir, "deno-bad.ts");
    writeFileSync(good, consumer(join(root, "dist/benign.js")));
    writeFileSync(bad, `${consumer(join(root, "dist/benign.js"))}\nconst wrong: string = leastSquares(identity(1), new Float64Array(1)).rank;\n`);
    await run(deno, ["check", "--quiet", good], { encoding: "utf8", env, cwd: dir });
    await expect(run(deno, ["check", "--quiet", bad], { encoding: "utf8", env, cwd: dir })).rejects.toThrow(/TS2322/);
  });
});

describe("the published files", () => {
  test("npm pack ships the bundle, its declarations, the README, the package.json and the MIT LICENSE", () => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8" });
    const [pack] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
    expect(pack.files.map((f) => f.path).sort()).toEqual(["LICENSE", "README.md", "dist/benign.d.ts", "dist/benign.js", "package.json"]);
  });
});
