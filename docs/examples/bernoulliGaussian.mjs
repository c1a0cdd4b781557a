import { bernoulliGaussian } from "benign";
const X = bernoulliGaussian(3, 1000, 0.2, { seed: 1 });  // BG(0.2) codes: 20% nonzero, N(0, 1) values
console.log(X.data.filter((x) => x !== 0).length / X.data.length); // ≈ 0.2
