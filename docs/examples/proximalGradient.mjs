import { init, proximalGradient, euclidean, l1, fromRows, gemv } from "benign";
await init();
// The lasso min ½‖Ax − b‖² + λ‖x‖₁ by FISTA.
const A = fromRows([[1, 0, 1], [0, 1, 1], [1, 1, 0], [1, 0, 0]]);
const b = new Float64Array([2, 0, 2, 2]);
const smooth = {
  manifold: euclidean(3),
  cost: (x) => { const r = gemv(A, x, { beta: -1, y: b }); return 0.5 * r.reduce((s, v) => s + v * v, 0); },
  egrad: (x) => gemv(A, gemv(A, x, { beta: -1, y: b }), { trans: true }),
};
const { point, reason } = await proximalGradient({ smooth, regularizer: l1(0.1) }, new Float64Array(3), { gradientTolerance: 1e-10 });
console.log(reason, point);              // "gradient-tolerance" a sparse x: [1.9666…, 0, 0]
