import { init, estimateBlurKernel, motionBlurKernel, blurImage, shiftCorrelation, Rng } from "benign";
await init();
// A piecewise-constant 96×96 image (sparse differences), blurred by a 7×7 motion blur plus noise.
const rng = new Rng(1);
const sharp = { rows: 96, cols: 96, data: new Float64Array(96 * 96) };
for (let r = 0; r < 40; r++) {
  const [i0, j0, h, w, v] = [rng.integer(96), rng.integer(96), 3 + rng.integer(20), 3 + rng.integer(20), rng.uniform()];
  for (let i = i0; i < Math.min(96, i0 + h); i++) for (let j = j0; j < Math.min(96, j0 + w); j++) sharp.data[i * 96 + j] = v;
}
const truth = motionBlurKernel(7, { seed: 2 });
const blurred = blurImage(sharp, truth, { noise: 0.01, seed: 3 });
const { kernel } = await estimateBlurKernel(blurred, { kernelShape: [7, 7], maxIterations: 300 });
console.log(kernel.rows, kernel.cols, kernel.data.reduce((s, v) => s + v, 0).toFixed(6)); // 7 7 "1.000000"
console.log(shiftCorrelation(kernel, truth).correlation > 0.9); // true
