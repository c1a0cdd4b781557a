import { init, runtime, normalizeColumnsBuffer } from "benign";
await init();
const A = runtime().arena.f64From(new Float64Array([3, 1, 4, 0])); // the 2×2 matrix [[3, 1], [4, 0]]
normalizeColumnsBuffer(A, A, 2, 2);
console.log(A.view);                      // Float64Array [0.6, 1, 0.8, 0]
A.dispose();
