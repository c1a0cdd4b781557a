import { readFileSync } from "node:fs";
import { init, parsePgm, Rng, denoiseImage, psnr } from "benign";
await init();
// A 96×96 corner of the camera image with Gaussian noise of σ = 20 on the 0..255 scale.
const camera = parsePgm(new Uint8Array(readFileSync("data/camera.pgm")));
const clean = { rows: 96, cols: 96, data: new Float64Array(96 * 96) };
for (let i = 0; i < 96; i++) for (let j = 0; j < 96; j++) clean.data[i * 96 + j] = camera.data[(220 + i) * 512 + 220 + j];
const sigma = 20 / 255, rng = new Rng(1);
const noisy = { ...clean, data: clean.data.map((v) => v + sigma * rng.normal()) };
const { image } = await denoiseImage(noisy, { sigma, dictionary: "dct" });
console.log(psnr(noisy, clean).toFixed(1), "→", psnr(image, clean).toFixed(1)); // ≈ 22.1 → ≈ 30 dB
