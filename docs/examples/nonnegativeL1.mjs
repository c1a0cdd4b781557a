import { nonnegativeL1 } from "benign";
const g = nonnegativeL1(0.5);            // λ‖x‖₁ on x ≥ 0
console.log(g.value(new Float64Array([-1])), g.prox(new Float64Array([1, -2, 0.2]), 1)); // Infinity [0.5, 0, 0]
