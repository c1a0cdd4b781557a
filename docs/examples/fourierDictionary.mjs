import { init, fourierDictionary, gemv } from "benign";
await init();
const F = fourierDictionary(4);           // columns: constant, cos(2πi/4), sin(2πi/4), (−1)ⁱ, each of unit norm
const y = new Float64Array([0, 1, 0, -1]); // sin(2πi/4)
console.log(gemv(F, y, { trans: true }));  // ≈ [0, 0, 1.414…, 0]: √2 times the unit sine atom
