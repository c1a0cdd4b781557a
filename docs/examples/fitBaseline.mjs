import { fitBaseline, observedFromTriples } from "benign";
const o = observedFromTriples(2, 2, [[0, 0, 5], [0, 1, 4], [1, 0, 3]]);
const { mean, rowBias, colBias } = fitBaseline(o, true, "both", 0.1);  // mean + bᵢ + cⱼ, ridge λ_b = 0.1
console.log(mean, rowBias, colBias);     // 4, user 0 above, user 1 below, item 0 above item 1
