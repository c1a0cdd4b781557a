// Reading and writing binary PGM (P5) grayscale images, the format of the shipped test image
// and of the demo's report images. Netpbm format: "P5", width, height, maxval (1..65535) as
// ASCII separated by white space (with # comments), one white-space byte, then the samples
// row-major, 1 byte each (maxval < 256) or 2 bytes big-endian.
import type { Matrix } from "../matrix.js";
import { checkMatrix, describe } from "../validate.js";

/** Decodes a P5 PGM into a matrix of intensities scaled to [0, 1] (rows = height). */
export function parsePgm(bytes: Uint8Array): Matrix {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`invalid bytes: expected a Uint8Array, got ${describe(bytes)}`);
  }
  let pos = 0;
  const token = (): string => {
    for (;;) {
      while (pos < bytes.length && isSpace(bytes[pos])) pos++;
      if (bytes[pos] !== 0x23) break; // '#': comment to end of line
      while (pos < bytes.length && bytes[pos] !== 0x0a) pos++;
    }
    const start = pos;
    while (pos < bytes.length && !isSpace(bytes[pos])) pos++;
    return String.fromCharCode(...bytes.subarray(start, pos));
  };
  if (token() !== "P5") throw new RangeError("invalid bytes: not a binary PGM (missing the P5 magic)");
  const width = Number(token());
  const height = Number(token());
  const maxval = Number(token());
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(height) || height < 1) {
    throw new RangeError(`invalid bytes: bad PGM size ${width}×${height}`);
  }
  if (!Number.isInteger(maxval) || maxval < 1 || maxval > 65535) {
    throw new RangeError(`invalid bytes: bad PGM maxval ${maxval}`);
  }
  pos++; // the single white-space byte before the samples
  const sampleBytes = maxval < 256 ? 1 : 2;
  const count = width * height;
  if (bytes.length - pos < count * sampleBytes) {
    throw new RangeError(`invalid bytes: PGM truncated: ${bytes.length - pos} sample bytes, expected ${count * sampleBytes}`);
  }
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const v = sampleBytes === 1 ? bytes[pos + i] : (bytes[pos + 2 * i] << 8) | bytes[pos + 2 * i + 1];
    data[i] = v / maxval;
  }
  return { rows: height, cols: width, data };
}

/** Encodes a matrix of intensities in [0, 1] (clamped; NaN becomes 0) as an 8-bit P5 PGM. */
export function encodePgm(image: Matrix): Uint8Array {
  checkMatrix("image", image);
  const header = new TextEncoder().encode(`P5\n${image.cols} ${image.rows}\n255\n`);
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header);
  for (let i = 0; i < image.data.length; i++) {
    const v = image.data[i];
    out[header.length + i] = v > 0 ? Math.round(Math.min(v, 1) * 255) : 0;
  }
  return out;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
