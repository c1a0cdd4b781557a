import { init, runtime, iamaxBuffer } from "benign";
await init();
const x = runtime().arena.f64From([1, -7, 7, 3]);
console.log(iamaxBuffer(x)); // 1 (the first of the largest magnitudes)
x.dispose();
