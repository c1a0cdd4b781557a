import { init, qrFactorization, fromRows } from "benign";
await init();
const f = qrFactorization(fromRows([[3, 1], [4, 2], [0, 2]]));
const b = new Float64Array([1, 2, 3]);
console.log(f.applyQ(f.applyQt(b)));      // ≈ b: Q is orthogonal (applied without forming it)
