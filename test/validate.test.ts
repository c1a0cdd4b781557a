import { describe, expect, test } from "vitest";
import {
  checkAllFinite,
  checkBoolean,
  checkChoice,
  checkFinite,
  checkIndexArray,
  checkInteger,
  checkOptions,
  checkSquare,
  checkSymmetric,
  checkVector,
  describe as describeValue,
  newFloat64Array,
} from "../src/validate.js";
import { Rng } from "../src/data/rng.js";

describe("argument checks", () => {
  test("each names the argument and shows the value", () => {
    expect(() => checkInteger("rank", 2.5)).toThrow(new TypeError("invalid rank: expected an integer, got 2.5"));
    expect(() => checkInteger("rank", 0, 1, 10)).toThrow(new RangeError("invalid rank: expected an integer in [1, 10], got 0"));
    expect(() => checkFinite("lambda", -1, 0)).toThrow(new RangeError("invalid lambda: expected a finite number ≥ 0, got -1"));
    expect(() => checkFinite("lambda", NaN)).toThrow(new RangeError("invalid lambda: expected a finite number, got NaN"));
    expect(() => checkFinite("lambda", "1")).toThrow(new TypeError('invalid lambda: expected a finite number, got "1"'));
    expect(() => checkBoolean("inverse", 1)).toThrow(/invalid inverse: expected a boolean, got 1/);
    expect(() => checkChoice("method", "svd", ["als", "gd"])).toThrow(/expected one of "als", "gd", got "svd"/);
    expect(() => checkVector("x", new Float32Array(2))).toThrow(/invalid x: expected a Float64Array, got Float32Array\(2\)/);
    expect(() => checkIndexArray("row", new Int32Array(2), 3)).toThrow(/invalid row: expected length 3, got length 2/);
    expect(() => checkAllFinite("values", [1, Infinity])).toThrow(/invalid values: entry 1 is Infinity/);
  });

  test("square and symmetric matrices: the first offending pair is named", () => {
    const m = (rows: number, cols: number, data: number[]) => ({ rows, cols, data: Float64Array.from(data) });
    expect(() => checkSquare("A", m(1, 2, [1, 2]))).toThrow(/invalid A: expected a square matrix, got a 1×2 matrix/);
    expect(() => checkSymmetric("A", m(2, 2, [1, 2, 2.5, 1]), 1e-8)).toThrow(
      /invalid A: expected a symmetric matrix, but A\[0\]\[1\] = 2 and A\[1\]\[0\] = 2.5 differ by 0.5/,
    );
    // Within tolerance · max|aᵢⱼ| = 0.1 · 2.5: accepted.
    expect(checkSymmetric("A", m(2, 2, [1, 2.4, 2.5, 1]), 0.1).rows).toBe(2);
  });

  test("an allocation the engine refuses is a RangeError naming the argument", () => {
    expect(newFloat64Array("length", 3)).toEqual(new Float64Array(3));
    expect(() => newFloat64Array("length", 1e18)).toThrow(RangeError);
    expect(() => newFloat64Array("length", 1e18)).toThrow(
      /^invalid length: 1000000000000000000 entries \(8000000000000000000 bytes\), more than this engine can allocate as a Float64Array \(Invalid typed array length/,
    );
    // The vector helpers of the seeded generator use it.
    expect(() => new Rng(1).normalArray(2 ** 36)).toThrow(/^invalid length: 68719476736 entries/);
    expect(() => new Rng(1).uniformArray(2 ** 40)).toThrow(/^invalid length: 1099511627776 entries/);
  });

  test("options: unknown keys and non-objects are rejected, undefined is fine", () => {
    expect(() => checkOptions("options", undefined, ["a"])).not.toThrow();
    expect(() => checkOptions("options", { a: 1 }, ["a"])).not.toThrow();
    expect(() => checkOptions("options", { b: 1 }, ["a"])).toThrow(/unknown option b in options: expected one of a/);
    expect(() => checkOptions("options", 3, ["a"])).toThrow(/expected an options object, got 3/);
  });

  test("describe() prints values compactly", () => {
    expect(describeValue(-0)).toBe("-0");
    expect(describeValue(null)).toBe("null");
    expect(describeValue({ rows: 2, cols: 3, data: new Float64Array(6) })).toBe("a 2×3 matrix");
    expect(describeValue([1, 2])).toBe("Array(2)");
  });
});
