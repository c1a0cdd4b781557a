import { init, observedFromFactors, fromRows } from "benign";
await init();
const U = fromRows([[1, 0], [0, 1]]), V = fromRows([[2, 3], [4, 5], [6, 7]]); // UVᵀ is 2×3
const o = observedFromFactors(U, V, { row: new Int32Array([0, 1]), col: new Int32Array([2, 0]) });
console.log(o.value);                    // (UVᵀ)₀₂, (UVᵀ)₁₀ = Float64Array [6, 3]
