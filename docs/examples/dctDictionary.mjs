import { init, dctDictionary, gemv } from "benign";
await init();
const D = dctDictionary(4);               // the orthonormal DCT-II basis of R⁴, atoms as columns
const y = new Float64Array([1, 1, 1, 1]);
console.log(gemv(D, y, { trans: true }));  // Dᵀy, scipy's dct(y, norm="ortho"): ≈ [2, 0, 0, 0]
