import { init, curvilinearSearch, rankOneFactorization, fromRows } from "benign";
await init();
const problem = rankOneFactorization(fromRows([[2, 1], [1, 2]]));
const saddle = new Float64Array([Math.SQRT1_2, -Math.SQRT1_2]);    // √λ₂·v₂: gradient 0, negative curvature
const { reason, point } = await curvilinearSearch(problem, saddle, { gradientTolerance: 1e-10 });
console.log(reason, point);              // "gradient-tolerance" ±[1.2247…, 1.2247…] = ±√3·v₁
