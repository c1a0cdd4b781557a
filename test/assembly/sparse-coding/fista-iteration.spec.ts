import { lassoFistaIteration } from "../../../assembly/sparse-coding/fista-iteration";
import { lassoFistaStep } from "../../../assembly/sparse-coding/fista-step";
import { lassoGramGradient } from "../../../assembly/sparse-coding/gram-gradient";
import { lassoRowStats } from "../../../assembly/sparse-coding/row-stats";
import { fillPattern, ptr } from "../helpers";
import { dictionary, gramOf, sameBits, WIDTHS } from "./fixtures";

function copyOf(a: Float64Array): Float64Array {
  const c = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) c[i] = a[i];
  return c;
}

/** a[from … to) and b[from … to) have the same bits. */
function sameArrays(a: Float64Array, b: Float64Array, from: i32, to: i32): bool {
  for (let i = from; i < to; i++) if (!sameBits(a[i], b[i])) return false;
  return true;
}

describe("lassoFistaIteration", () => {
  test("equals lassoFistaStep, lassoGramGradient and lassoRowStats one after the other, bit for bit, on the rows within the nonzero budget; later rows get the step only", () => {
    const lambda = 0.3;
    const invL = 0.7;
    const n = 5;
    for (let wi = 0; wi < WIDTHS.length; wi++) {
      const k = WIDTHS[wi];
      const gram = gramOf(dictionary(n, k, 200 + wi), n, k);
      for (let i = 0; i < k * k; i++) gram[i] *= 0.7;
      for (let rows = 0; rows <= 4; rows++) {
        for (let nn = 0; nn < 2; nn++) {
          const nonnegative = nn == 1 ? 1 : 0;
          const m = rows * k;
          const x = fillPattern(m, 210 + wi);
          const xp0 = fillPattern(m, 220 + wi);
          const g = fillPattern(m, 230 + wi);
          const gp0 = fillPattern(m, 240 + wi);
          const b = fillPattern(m, 250 + wi);
          for (let i = 0; i < m; i++) {
            x[i] *= 0.1;
            g[i] *= 0.3;
            if (i % 3 == 1) x[i] = i % 2 == 0 ? 0.0 : -0.0;
          }
          const rr = max(rows, 1);
          const beta = new Float64Array(rr);
          const yy = new Float64Array(rr);
          for (let r = 0; r < rows; r++) {
            beta[r] = r == 0 ? 0.0 : 0.3 * <f64>r;
            yy[r] = 1.0 + 0.1 * <f64>r;
          }
          // The three kernels in turn, as the engine ran them: x⁺ over xPrev, ∇f(x⁺) over gradPrev.
          const wantX = copyOf(xp0);
          const wantG = copyOf(gp0);
          const wantRestart = new Float64Array(rr);
          const wantStep = new Float64Array(rr);
          const wantViolation = new Float64Array(rr);
          const wantObjective = new Float64Array(rr);
          const total = lassoFistaStep(rows, k, ptr(x), ptr(wantX), ptr(g), ptr(wantG), ptr(beta), invL, lambda, nonnegative, ptr(wantRestart), ptr(wantStep));
          lassoGramGradient(rows, k, ptr(wantX), ptr(wantG), ptr(b), ptr(gram));
          lassoRowStats(rows, k, ptr(wantX), ptr(wantG), ptr(b), ptr(yy), lambda, nonnegative, ptr(wantViolation), ptr(wantObjective));
          // Budgets: none, none but empty rows, about half the rows, exactly all, more than all.
          const budgets: i32[] = [-1, 0, total / 2, total, total + 5];
          for (let bi = 0; bi < budgets.length; bi++) {
            const budget = budgets[bi];
            const xp = copyOf(xp0);
            const gp = copyOf(gp0);
            const restart = new Float64Array(rr);
            const step = new Float64Array(rr);
            const violation = new Float64Array(rr).fill(-7.0);
            const objective = new Float64Array(rr).fill(-7.0);
            const count = lassoFistaIteration(
              rows, k, ptr(x), ptr(xp), ptr(g), ptr(gp), ptr(beta), invL, lambda, nonnegative, ptr(restart), ptr(step),
              ptr(b), ptr(gram), ptr(yy), ptr(violation), ptr(objective), budget,
            );
            expect(count).toBe(total);
            expect(sameArrays(xp, wantX, 0, m)).toBe(true);
            expect(sameArrays(restart, wantRestart, 0, rows)).toBe(true);
            expect(sameArrays(step, wantStep, 0, rows)).toBe(true);
            // Rows fused: while the running count of nonzeros is within the budget.
            let running = 0;
            for (let r = 0; r < rows; r++) {
              for (let i = r * k; i < (r + 1) * k; i++) if (wantX[i] != 0) running++;
              if (running <= budget) {
                expect(sameArrays(gp, wantG, r * k, (r + 1) * k)).toBe(true);
                expect(sameBits(violation[r], wantViolation[r])).toBe(true);
                expect(sameBits(objective[r], wantObjective[r])).toBe(true);
              } else {
                expect(sameArrays(gp, gp0, r * k, (r + 1) * k)).toBe(true); // untouched
                expect(violation[r]).toBe(-7.0);
                expect(objective[r]).toBe(-7.0);
              }
            }
          }
        }
      }
    }
  });
});
