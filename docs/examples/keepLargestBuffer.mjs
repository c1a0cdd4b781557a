import { init, runtime, keepLargestBuffer } from "benign";
await init();
const x = runtime().arena.f64From(new Float64Array([0.1, -5, 2, 3]));
keepLargestBuffer(x, x, 1);
console.log(x.view);                      // Float64Array [0, -5, 0, 0]
x.dispose();
