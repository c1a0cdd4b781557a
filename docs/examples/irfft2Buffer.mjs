import { init, runtime, rfft2Buffer, irfft2Buffer, rfft2Length } from "benign";
await init();
const { arena } = runtime();
const x = arena.f64From(new Float64Array([1, 2, 3, 4, 5, 6]));  // a 2×3 image
const X = arena.f64(rfft2Length(2, 3)), back = arena.f64(6);
irfft2Buffer(back, rfft2Buffer(X, x, [2, 3]), [2, 3]);
console.log(back.view);                   // ≈ Float64Array [1, 2, 3, 4, 5, 6]
x.dispose(); X.dispose(); back.dispose();
