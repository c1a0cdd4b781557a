import { init, convolutionalData, circularConvolve } from "benign";
await init();
const kernel = new Float64Array([1, -1]);
const { signal, activation } = convolutionalData(kernel, 8, { theta: 0.25, activation: "bernoulli-rademacher", bias: 0.5, seed: 3 });
console.log(activation);                  // the sparse ±1 activation x: Float64Array [0, 0, 0, 1, 0, 0, 1, 0]
// y = a ⊛ x + 0.5, twice: Float64Array [0.5, 0.5, 0.5, 1.5, -0.5, 0.5, 1.5, -0.5]
console.log(signal, circularConvolve(activation, kernel).map((v) => v + 0.5));
