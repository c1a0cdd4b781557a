import { nonnegative } from "benign";
console.log(nonnegative().prox(new Float64Array([1, -2, 0]), 1)); // the projection onto x ≥ 0: [1, 0, 0]
