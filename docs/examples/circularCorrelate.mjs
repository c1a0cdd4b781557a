import { init, circularConvolve, circularCorrelate, dot } from "benign";
await init();
const x = new Float64Array([1, -2, 0.5, 3]), y = new Float64Array([2, 1, -1, 0.5]), a = new Float64Array([1, 2]);
// The adjoint of convolution with a: ⟨a ⊛ x, y⟩ = ⟨x, correlate(y, a)⟩.
console.log(dot(circularConvolve(x, a), y), dot(x, circularCorrelate(y, a))); // equal
