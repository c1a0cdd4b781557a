import { init, rfft } from "benign";
await init();
const { re, im } = rfft(new Float64Array([1, 2, 3, 4]));  // the ⌊n/2⌋ + 1 = 3 bins, as numpy.fft.rfft
console.log(re, im);                      // Float64Array [10, -2, -2] Float64Array [0, 2, 0]
