import { init, runtime, irfftBuffer } from "benign";
await init();
const { arena } = runtime();
const bins = arena.f64From([10, 0, -2, 2, -2, 0]); // the rfft of [1, 2, 3, 4]
const x = arena.f64(4);                            // n is out's length
irfftBuffer(x, bins);
console.log(x.view);                               // ≈ [1, 2, 3, 4]
bins.dispose();
x.dispose();
