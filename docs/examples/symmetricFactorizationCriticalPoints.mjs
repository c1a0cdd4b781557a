import { init, symmetricFactorizationCriticalPoints, fromRows } from "benign";
await init();
const X = fromRows([[3, 0, 0], [0, 2, 0], [0, 0, 1]]);
const points = symmetricFactorizationCriticalPoints(X, 2);     // one representative per subset of ≤ 2 eigenvalues
const best = points.find((p) => p.globalMinimizer);
console.log(points.length, best.eigenvalues, best.cost); // 7 [3, 2] 0.25 = ¼·1²: the best rank-2 approximation
console.log(best.kind);                   // "degenerate": the O(2) symmetry U ↦ UQ leaves a flat direction
