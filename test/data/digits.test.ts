// parseDigits against the shipped file (read independently, line by line) and on malformed text.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { parseDigits } from "../../src/data/digits.js";

const text = readFileSync(new URL("../../data/digits.csv", import.meta.url), "utf8");

test("the shipped digits: 1,797 images as the columns of a 64×1797 matrix, with their labels", () => {
  const { images, labels } = parseDigits(text);
  expect([images.rows, images.cols, labels.length]).toEqual([64, 1797, 1797]);
  const lines = text.trim().split("\n");
  for (const k of [0, 1, 900, 1796]) {
    const values = lines[k].split(",").map(Number);
    for (let f = 0; f < 64; f++) expect(images.data[f * 1797 + k]).toBe(values[f]);
    expect(labels[k]).toBe(values[64]);
  }
  // Every digit appears (about 180 each: scikit-learn's load_digits has 174…183 per class).
  const counts = new Array(10).fill(0);
  for (const l of labels) counts[l]++;
  expect(Math.min(...counts)).toBeGreaterThanOrEqual(174);
  expect(Math.max(...counts)).toBeLessThanOrEqual(183);
  expect(Math.max(...images.data)).toBe(16);
  expect(Math.min(...images.data)).toBe(0);
});

test("CRLF line ends, spaces around fields and a missing final newline are accepted", () => {
  const line = Array.from({ length: 64 }, (_, i) => i % 17).join(", ") + ", 3";
  const { images, labels } = parseDigits(`${line}\r\n${line}`);
  expect([images.rows, images.cols]).toEqual([64, 2]);
  expect(images.data[5 * 2 + 1]).toBe(5);
  expect(Array.from(labels)).toEqual([3, 3]);
});

test("malformed text is a RangeError naming the line and field; a non-string a TypeError", () => {
  const good = Array.from({ length: 64 }, () => "1").join(",");
  expect(() => parseDigits(`${good},1\n${good}`)).toThrow("invalid text: line 2 has 64 fields; expected 65 (64 pixels, then the label)");
  expect(() => parseDigits(`${good.replace(/^1/, "17")},1`)).toThrow('invalid text: line 1, pixel 0 is "17"; expected an integer in 0..16');
  expect(() => parseDigits(`${good.replace(/^1/, "x")},1`)).toThrow('invalid text: line 1, pixel 0 is "x"; expected an integer in 0..16');
  expect(() => parseDigits(`${good.replace(/^1/, "-1")},1`)).toThrow("pixel 0 is \"-1\"");
  expect(() => parseDigits(`${good},10`)).toThrow('invalid text: line 1, the label is "10"; expected an integer in 0..9');
  expect(() => parseDigits(`${good},1.5`)).toThrow("the label is \"1.5\"");
  expect(() => parseDigits("\n\n")).toThrow("invalid text: no image");
  expect(() => parseDigits(new Uint8Array(3) as unknown as string)).toThrow(TypeError);
});
