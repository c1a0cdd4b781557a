import { init, runtime, softThresholdBuffer } from "benign";
await init();
const { arena } = runtime();
const x = arena.f64From(new Float64Array([-2, 0.5, 3]));
softThresholdBuffer(x, x, 1);             // in place, in wasm memory
console.log(x.view);                      // Float64Array [-1, 0, 2]
x.dispose();
