import { init, matchKernels } from "benign";
await init();
// Estimates in another order, shifted and with a sign flipped, are matched back to the references.
const refs = [new Float64Array([1, 2, 0]), new Float64Array([0, 1, -1])];
const estimates = [new Float64Array([0, 0, -1, 1, 0]), new Float64Array([0, -2, -4, 0, 0])];
const { estimateOf, correlations, shifts } = matchKernels(estimates, refs);
console.log(estimateOf, correlations); // Int32Array [1, 0] Float64Array [≈ 1, ≈ 1]
console.log(shifts[0].shift, shifts[0].sign); // 1 -1
