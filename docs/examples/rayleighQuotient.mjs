import { init, rayleighQuotient, trustRegions, fromRows } from "benign";
await init();
const problem = rayleighQuotient(fromRows([[2, 1], [1, 2]]));
const { point, cost } = await trustRegions(problem, null, { seed: 1 });
console.log(cost, point);                 // ≈ 1 (the smallest eigenvalue), ±(1, −1)/√2
