import { init, circularConvolve } from "benign";
await init();
// y_i = Σ_k a_k·x_{(i−k) mod n}: a delayed copy of x by one sample, plus half of x.
console.log(circularConvolve(new Float64Array([1, 2, 3, 4]), new Float64Array([0.5, 1]))); // [4.5, 2, 3.5, 5]
