import { init, runtime, toResident, syrkBuffer, fromRows, toRows } from "benign";
await init();
const A = toResident(fromRows([[1, 2], [3, 4], [5, 6]])); // 3×2
const G = runtime().arena.matrix(2, 2);
syrkBuffer(G, A);                                         // G ← AᵀA, both triangles
console.log(toRows(G));                                   // [[35, 44], [44, 56]]
A.dispose();
G.dispose();
