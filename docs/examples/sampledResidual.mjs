import { init, sampledResidual, fromRows } from "benign";
await init();
const U = fromRows([[1], [2]]), V = fromRows([[3], [4]]);                   // UVᵀ = [[3, 4], [6, 8]]
const S = { rows: 2, cols: 2, row: new Int32Array([0, 1]), col: new Int32Array([1, 0]), value: new Float64Array([4, 5]) };
console.log(sampledResidual(U, V, S));    // (UVᵀ − S) on S's entries: Float64Array [0, 1]
