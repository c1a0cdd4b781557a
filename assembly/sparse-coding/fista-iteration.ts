// One whole FISTA iteration of the lasso per row, while the codes stay sparse: the step
// (fista-step.ts), then the gradient at x⁺ through G over its nonzeros (gram-gradient.ts), then
// the row's KKT violation and objective (row-stats.ts), all on the row while it is in cache,
// instead of three passes over the block. The same operations in the same order per row as the
// three kernels called one after the other, so the same bits.
// The caller takes the gradient through G's nonzeros only when the block's x⁺ has at most
// `maxNonzeros` nonzeros in all; the running count decides it here: once it exceeds that,
// the remaining rows get the step only, and the caller computes the gradient and the statistics
// of every row by its other route (a negative `maxNonzeros`: the steps only).
// Layout: as lassoFistaStep (x⁺ into xPrev, ∇f(x⁺) into gradPrev), with b (rows×k) and gram (k×k)
// as lassoGramGradient, yy, violation and objective as lassoRowStats. Returns nnz(x⁺).
import { fistaStepRow } from "./fista-step";
import { gramGradientRow } from "./gram-gradient";
import { lassoStatsRow } from "./row-stats";

export function lassoFistaIteration(
  rows: i32, k: i32, x: usize, xPrev: usize, grad: usize, gradPrev: usize, beta: usize,
  invL: f64, lambda: f64, nonnegative: i32, restart: usize, step: usize,
  b: usize, gram: usize, yy: usize, violation: usize, objective: usize, maxNonzeros: i32,
): i32 {
  const t = lambda * invL;
  let nonzeros = 0;
  const rowBytes = <usize>k << 3;
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * rowBytes;
    const ro = <usize>r << 3;
    nonzeros += fistaStepRow(
      k, x + o, xPrev + o, grad + o, gradPrev + o, load<f64>(beta + ro), invL, t, nonnegative, restart + ro, step + ro,
    );
    if (nonzeros > maxNonzeros) continue;
    gramGradientRow(k, xPrev + o, gradPrev + o, b + o, gram);
    lassoStatsRow(k, xPrev + o, gradPrev + o, b + o, load<f64>(yy + ro), lambda, nonnegative, violation + ro, objective + ro);
  }
  return nonzeros;
}
