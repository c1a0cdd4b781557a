import { box } from "benign";
const g = box(-1, 1);
console.log(g.value(new Float64Array([0.5, 2])), g.prox(new Float64Array([0.5, 2]), 1)); // Infinity [0.5, 1]
