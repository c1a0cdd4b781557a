import { init, perturbedGradientDescent, rankOneFactorization, fromRows } from "benign";
await init();
const problem = rankOneFactorization(fromRows([[2, 1], [1, 2]]));
const saddle = new Float64Array([Math.SQRT1_2, -Math.SQRT1_2]);
const { reason, point } = await perturbedGradientDescent(problem, saddle, { seed: 1, gradientTolerance: 1e-8 });
console.log(reason, point);              // "gradient-tolerance" ≈ ±[1.2247, 1.2247]: perturbed off the saddle
