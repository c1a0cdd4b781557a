import { init, principalAngles, fromRows } from "benign";
await init();
const A = fromRows([[1, 0], [0, 1], [0, 0]]);                 // the xy-plane
const B = fromRows([[1, 0], [0, 1], [0, 1]]);                 // contains e₁ and (0, 1, 1)/√2
console.log(principalAngles(A, B));       // Float64Array [0, π/4]
