import { init, alignToShift, circularConvolve } from "benign";
await init();
const reference = new Float64Array([1, 2, 3]);
const kernel = new Float64Array([0, -1, -2, -3, 0]);       // −a₀ one sample later
const activation = new Float64Array([0, 0, 0, 1, 0, 0]);   // a spike at 3
const aligned = alignToShift(kernel, reference, { activation });
console.log(aligned.shift, aligned.sign, aligned.kernel);   // 1 -1 Float64Array [1, 2, 3]
console.log(aligned.activation);          // −x one sample later: [-0, -0, -0, -0, -1, -0] (zeros times −1)
// The convolution is unchanged: both are Float64Array [-3, 0, 0, 0, -1, -2] (−a₀ at 4, 5, 6 mod 6).
console.log(circularConvolve(activation, kernel), circularConvolve(aligned.activation, aligned.kernel));
