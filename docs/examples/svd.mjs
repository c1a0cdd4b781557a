import { init, svd, fromRows, toRows } from "benign";
await init();
const { U, S, V } = svd(fromRows([[3, 0], [4, 5]]));
console.log(S);                           // Float64Array [6.708…, 2.236…] = [√45, √5], descending
console.log(toRows(U), toRows(V));        // A = U·diag(S)·Vᵀ
