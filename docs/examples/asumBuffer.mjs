import { init, runtime, asumBuffer } from "benign";
await init();
const x = runtime().arena.f64From([1, -2, 3]);
console.log(asumBuffer(x)); // 6
x.dispose();
