import { init, rfft, irfft } from "benign";
await init();
const x = new Float64Array([1, 2, 3, 4, 5]);
console.log(irfft(rfft(x), 5));           // ≈ Float64Array [1, 2, 3, 4, 5]
