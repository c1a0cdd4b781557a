import { init, gaussianOperator, fromRows, dot } from "benign";
await init();
const A = gaussianOperator([3, 3], 500, { seed: 1 });    // 𝒜(X)ₖ = ⟨Aₖ, X⟩/√500, stored in wasm memory
const X = fromRows([[1, 0, 0], [0, 2, 0], [0, 0, 3]]);
const y = A.apply(X);
console.log(y.length, dot(y, y));        // 500 and ≈ ‖X‖²_F = 14, as E[𝒜*𝒜] = I
A.dispose();
