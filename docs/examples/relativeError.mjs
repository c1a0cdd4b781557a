import { init, relativeError, fromRows } from "benign";
await init();
const U0 = fromRows([[1], [2]]), V0 = fromRows([[1], [1]]);
console.log(relativeError(fromRows([[-2], [-4]]), fromRows([[-0.5], [-0.5]]), U0, V0)); // ≈ 0 (1e-16): the same UVᵀ
console.log(relativeError(fromRows([[1], [2]]), fromRows([[1.1], [1]]), U0, V0));       // 0.0707…
