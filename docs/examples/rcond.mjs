import { init, rcond, fromRows } from "benign";
await init();
console.log(rcond(fromRows([[1, 0], [0, 1]])));        // 1
console.log(rcond(fromRows([[1, 1], [1, 1 + 1e-10]]))); // ≈ 2.5e-11: nearly singular
