// The README's examples (every ```js block), run for real against the built package (imported as "benign"
// through the package's own exports), so the README stays true.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The first ```js block after `heading` in the README. */
function example(heading: string): string {
  const readme = readFileSync(`${root}/README.md`, "utf8");
  const section = readme.slice(readme.indexOf(heading));
  const start = section.indexOf("```js") + 5;
  return section.slice(start, section.indexOf("```", start));
}

/** Runs code as an ES module at the project root and returns its output lines. */
function run(code: string): string[] {
  const file = `${root}/.readme-example.mjs`;
  writeFileSync(file, code);
  try {
    return execFileSync(process.execPath, [file], { encoding: "utf8" }).trim().split("\n");
  } finally {
    rmSync(file, { force: true });
  }
}

test("the README's first example runs and prints what its comments say", () => {
  const code = example("## A first example");
  const lines = run(code);
  expect(lines[0]).toBe("[ [ 4, 2 ], [ 2, 6 ] ]");
  const singular = lines[1].slice(lines[1].indexOf("[")).match(/[\d.]+/g)!.map(Number);
  expect(singular[0]).toBeCloseTo(Math.sqrt(15 + Math.sqrt(125)), 12);
  expect(singular[1]).toBeCloseTo(Math.sqrt(15 - Math.sqrt(125)), 12);
  expect(code).toContain("// Float64Array [5.1166…, 1.9543…]");
  expect(lines[2]).toBe("Float64Array(4) [ 1, 1, 1, 1 ]");
  expect(lines[3]).toBe("Float64Array(3) [ -1, 0, 2 ]");
});

test("the README's manifold example runs and prints what its comment says", () => {
  const code = example("### Manifolds");
  expect(code).toContain("// ≈ 0.0997 (= atan(0.1))");
  const [distance, membership] = run(code);
  // A unit tangent step t on the sphere, retracted by normalization, lands at distance atan(t).
  expect(Number(distance)).toBeCloseTo(Math.atan(0.1), 14);
  // [3, 4, 0] has norm 5: not on the sphere, at residual |5 − 1| = 4.
  expect(code).toContain("// false 4");
  expect(membership).toBe("false 4");
});

test("the README's solver example escapes the saddle to ±√3·v₁", () => {
  const code = example("### Solvers");
  const [line] = run(code);
  expect(line.startsWith("gradient-tolerance")).toBe(true);
  const u = line.slice(line.indexOf("[")).match(/-?[\d.]+(e-?\d+)?/g)!.map(Number);
  // ±√λ₁·v₁ with λ₁ = 3, v₁ = (1, 1)/√2: both entries ±√1.5; ‖grad‖ ≤ 1e-10 and the Hessian's
  // smallest eigenvalue there (λ₁ − λ₂ = 2) bound the error by 1e-10.
  expect(Math.abs(Math.abs(u[0]) - Math.sqrt(1.5))).toBeLessThan(1e-10);
  expect(u[1]).toBeCloseTo(u[0], 10);
});

test("the README's matrix completion example recovers the matrix", () => {
  const code = example("### Matrix completion");
  const [first, second] = run(code);
  expect(first).toBe("gradient-tolerance true");
  // ALS to ‖grad‖ ≤ 1e-9 on entries of order 1: every entry is right to far better than 1e-8.
  expect(Math.abs(Number(second))).toBeLessThan(1e-8);
});

test("the README's matrix sensing example recovers X = UUᵀ", () => {
  const [line] = run(example("### Matrix sensing"));
  expect(line).toBe("gradient-tolerance true");
});

test("the README's least-squares example gives rank 2 and the minimum-norm solution", () => {
  const code = example("## The kernels");
  expect(code).toContain("leastSquares(A, new Float64Array([1, 2, 3, 2]))");
  const line = run(code).join(" "); // Node prints long arrays over several lines
  expect(line.startsWith("2 Float64Array(3) [")).toBe(true);
  // b = c₀ + 2·c₁ exactly; the solutions are x₀ + 2x₂ = 1, x₁ = 2, the shortest (0.2, 2, 0.4).
  const x = line.slice(line.indexOf("[")).match(/-?[\d.]+(e-?\d+)?/g)!.map(Number);
  [0.2, 2, 0.4].forEach((want, i) => expect(Math.abs(x[i] - want)).toBeLessThan(1e-14));
});

test("the README's wasm-memory example runs as written, soft-thresholds and multiplies in wasm memory and frees its buffers", () => {
  const code = example("### Working in wasm memory");
  const lines = run(code);
  // soft(0.5, 0.1) = 0.5 − 0.1 and soft(−2, 0.1) = −2 + 0.1, computed in f64 exactly as JS does.
  expect(lines[0]).toBe(`Float64Array(3) [ ${0.5 - 0.1}, 0, ${-2 + 0.1} ]`);
  expect(code).toContain("// Float64Array(3) [ 0.4, 0, -1.9 ]");
  // C = A·A by the copying call into the resident C, then A·A + C by the resident form.
  expect(lines[1]).toBe("[ [ 14, 20 ], [ 30, 44 ] ]");
  // Every buffer and matrix was disposed: nothing is live any more.
  expect(lines[2]).toBe("0");
});

test("the README's phase-transition example runs and prints the rates its comments say", () => {
  const code = example("### Phase transitions");
  expect(code).toContain("// 2 0.05 0 ");
  const lines = run(code);
  // Below the degrees of freedom (0.05·3600 = 180 expected entries < 2·118 = 236) no trial can
  // succeed; at half the entries, ALS recovers every trial.
  expect(lines).toEqual(["2 0.05 0", "2 0.5 1"]);
});

test("the README's explorer example runs a catalog landscape in Node and finds a column of A₀", () => {
  const [first, second] = run(example("## The browser explorer"));
  expect(first).toBe("90 45 6");
  // With p = 2000 samples the empirical minimizer lies within a few degrees of ±aᵢ (not exactly on it).
  const angle = Number(/, ([\d.e-]+) \]$/.exec(second)![1]);
  expect(angle).toBeGreaterThan(0);
  expect(angle).toBeLessThan(3);
});

test("the README's sparse coding example solves the lasso to 1e-8 and runs OMP to its residual target", () => {
  const code = example("### Sparse coding");
  expect(code).toContain("gradientTolerance: 1e-8");
  const [lasso, omp] = run(code);
  expect(lasso).toBe("gradient-tolerance 256 1000");
  expect(omp).toBe("gradient-tolerance true");
});

test("the README's blind deconvolution example recovers the kernel and the offset", () => {
  const code = example("### Blind deconvolution");
  expect(code).toContain('// true "1.000"');
  const [line] = run(code);
  expect(line).toBe("true 1.000");
});

test("the README's convolutional examples: dictionary learning, the ECG, blind deblurring", () => {
  expect(run(example("#### Convolutional dictionary learning"))).toEqual(["true"]);
  expect(run(example("#### The ECG"))).toEqual(["108000 300"]);
  expect(run(example("#### Blind image deblurring"))).toEqual(["true true"]);
});

test("the README's orthogonal dictionary example: MSP's biased fixed point alone, then exact recovery with the default ℓ¹ refinement", () => {
  const code = example("### Orthogonal dictionary learning");
  expect(code).toContain('// "objective-tolerance" 0.0052… (the ℓ⁴ bias)');
  const [first, second] = run(code);
  const [reason, l4] = first.split(" ");
  expect(reason).toBe("objective-tolerance");
  // Measured 5.23e-3: the finite-sample bias of the ℓ⁴ maximizer, neither 0 nor large.
  expect(Number(l4)).toBeGreaterThan(5.1e-3);
  expect(Number(l4)).toBeLessThan(5.4e-3);
  expect(second).toBe("true");
});

test("the README's dictionary learning example learns the digits' dictionary with a never-rising objective", () => {
  const code = example("### Dictionary learning");
  expect(code).toContain("// 313.0 143.1");
  const [first, second] = run(code);
  expect(first).toBe("313.0 143.1");
  expect(second).toBe("true");
});

test("the README's denoising example: the learned dictionary beats the DCT on the camera crop", () => {
  const code = example("### Image patches and denoising");
  expect(code).toContain("// 22.1 29.7 30.4");
  const [line] = run(code);
  expect(line).toBe("22.1 29.7 30.4");
});
