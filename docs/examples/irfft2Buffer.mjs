import { init, runtime, irfft2Buffer, rfft2Buffer, rfft2Length } from "benign";
await init();
const { arena } = runtime();
const image = arena.f64From([1, 2, 3, 4, 5, 6]);            // 2×3
const spectrum = arena.f64(rfft2Length(2, 3));
rfft2Buffer(spectrum, image, [2, 3]);
const back = arena.f64(6);
irfft2Buffer(back, spectrum, [2, 3]);
console.log(back.view);                                     // ≈ [1, 2, 3, 4, 5, 6]
for (const b of [image, spectrum, back]) b.dispose();
