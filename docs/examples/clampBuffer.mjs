import { init, runtime, clampBuffer } from "benign";
await init();
const x = runtime().arena.f64From(new Float64Array([-1, 0.5, 2]));
clampBuffer(x, x, 0, 1);
console.log(x.view);                      // Float64Array [0, 0.5, 1]
x.dispose();
