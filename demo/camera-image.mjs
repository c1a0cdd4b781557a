// The built-in camera image (512×512, CC0; data/README.md), at full size or averaged down.
import { readFileSync } from "node:fs";
import * as benign from "../dist/benign.js";

/** The camera image with intensities in [0, 1], averaged over (512/size)² blocks when size < 512. */
export function cameraImage(size = 512) {
  const image = benign.parsePgm(new Uint8Array(readFileSync(new URL("../data/camera.pgm", import.meta.url))));
  const block = image.rows / size;
  if (!Number.isInteger(block) || image.cols !== image.rows) throw new RangeError(`camera size ${size} must divide ${image.rows}`);
  if (block === 1) return image;
  const out = benign.matrix(size, size);
  for (let i = 0; i < image.rows; i++) {
    for (let j = 0; j < image.cols; j++) out.data[Math.floor(i / block) * size + Math.floor(j / block)] += image.data[i * image.cols + j] / block ** 2;
  }
  return out;
}
