import { init, runtime, rfftBuffer } from "benign";
await init();
const { arena } = runtime();
const x = arena.f64From(new Float64Array([1, 2, 3, 4]));
const X = arena.f64(2 * (4 / 2 + 1));     // the ⌊n/2⌋ + 1 = 3 bins, interleaved (re, im)
rfftBuffer(X, x);
console.log(X.view);                      // Float64Array [10, 0, -2, 2, -2, 0], as numpy.fft.rfft
x.dispose(); X.dispose();
