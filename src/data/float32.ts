// Raw little-endian float32 samples (as data/ecg_360hz.f32 is stored) to a Float64Array.
import { describe } from "../validate.js";

/**
 * Decodes raw little-endian IEEE-754 float32 values — a file of 4-byte samples with no header,
 * such as the electrocardiogram `data/ecg_360hz.f32` (MIT-BIH record 208, 360 Hz, in mV) — into a
 * Float64Array (each value exactly, float32 ⊂ float64), whatever the platform's byte order.
 *
 * NaN policy: NaN and ±Infinity decode as themselves (the solvers reject them, or take them as
 * missing samples with a mask).
 *
 * @param bytes the file's bytes (a Uint8Array — e.g. from `fs.readFileSync` or `fetch(…).arrayBuffer()` — or an ArrayBuffer).
 * @throws TypeError if `bytes` is not bytes; RangeError if its length is not a multiple of 4.
 */
export function parseFloat32(bytes: Uint8Array | ArrayBuffer): Float64Array {
  const view = bytes instanceof ArrayBuffer
    ? new DataView(bytes)
    : bytes instanceof Uint8Array
      ? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      : invalid(bytes);
  if (view.byteLength % 4 !== 0) throw new RangeError(`invalid bytes: expected a multiple of 4 bytes (float32 samples), got ${view.byteLength}`);
  const out = new Float64Array(view.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}

function invalid(bytes: unknown): never {
  throw new TypeError(`invalid bytes: expected a Uint8Array or an ArrayBuffer, got ${describe(bytes)}`);
}
