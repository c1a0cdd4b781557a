import { init, brockett, trustRegions, fromRows } from "benign";
await init();
const A = fromRows([[3, 0, 0], [0, 1, 0], [0, 0, 2]]);
const { cost } = await trustRegions(brockett(A, 2), null, { seed: 1 });
console.log(cost);                        // ≈ 2·1 + 1·2 = 4: the two smallest eigenvalues, weighted by N = diag(2, 1)
