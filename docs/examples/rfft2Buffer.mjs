import { init, runtime, rfft2Buffer, rfft2Length } from "benign";
await init();
const { arena } = runtime();
const image = arena.f64From([1, 2, 3, 4]);                   // 2×2, row-major
const spectrum = arena.f64(rfft2Length(2, 2));              // bin-major half spectrum
rfft2Buffer(spectrum, image, [2, 2]);
console.log(spectrum.view);                                 // [10, 0, −4, 0, −2, 0, 0, 0]
image.dispose();
spectrum.dispose();
