// parseFloat32: little-endian float32 bytes to a Float64Array, exactly, on any platform.
import { expect, test } from "vitest";
import { parseFloat32 } from "../../src/data/float32.js";

test("decodes little-endian float32 exactly, from a Uint8Array (any offset) or an ArrayBuffer", () => {
  // 1.0 = 0x3f800000, −2.5 = 0xc0200000, 0.1f = 0x3dcccccd, NaN, −∞, the smallest subnormal.
  const bytes = new Uint8Array([9, 0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x20, 0xc0, 0xcd, 0xcc, 0xcc, 0x3d, 0x00, 0x00, 0xc0, 0x7f, 0x00, 0x00, 0x80, 0xff, 0x01, 0x00, 0x00, 0x00]);
  const values = parseFloat32(bytes.subarray(1));
  expect(Array.from(values)).toEqual([1, -2.5, Math.fround(0.1), NaN, -Infinity, 2 ** -149]);
  expect(Array.from(parseFloat32(bytes.slice(1).buffer))).toEqual(Array.from(values));
  expect(parseFloat32(new Uint8Array(0))).toHaveLength(0);
});

test("bad input is named", () => {
  expect(() => parseFloat32(new Uint8Array(6))).toThrow("invalid bytes: expected a multiple of 4 bytes (float32 samples), got 6");
  expect(() => parseFloat32([1, 2, 3, 4] as unknown as Uint8Array)).toThrow("invalid bytes: expected a Uint8Array or an ArrayBuffer, got Array(4)");
});
