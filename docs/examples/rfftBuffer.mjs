import { init, runtime, rfftBuffer } from "benign";
await init();
const { arena } = runtime();
const x = arena.f64From([1, 2, 3, 4]);
const bins = arena.f64(2 * 3);                // ⌊4/2⌋ + 1 = 3 bins, interleaved
rfftBuffer(bins, x);
console.log(bins.view);                       // [10, 0, −2, 2, −2, 0]
x.dispose();
bins.dispose();
