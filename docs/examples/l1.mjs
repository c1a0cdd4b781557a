import { l1 } from "benign";
const g = l1(0.5);
console.log(g.value(new Float64Array([1, -2])), g.prox(new Float64Array([1, -2, 0.2]), 1)); // 1.5 [0.5, −1.5, 0]
