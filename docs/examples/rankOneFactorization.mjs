import { init, rankOneFactorization, gradientDescent, fromRows } from "benign";
await init();
const problem = rankOneFactorization(fromRows([[2, 1], [1, 2]]));   // ¼‖X − uuᵀ‖², λ = 3, 1
const { point } = await gradientDescent(problem, new Float64Array([1, 0]));
console.log(point);                       // ≈ ±√3·(1, 1)/√2 = ±[1.2247…, 1.2247…]
