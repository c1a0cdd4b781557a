import { describe, expect, test } from "vitest";
import { column, copyMatrix, fromRows, identity, matrix, rowView, toRows, transpose } from "../src/matrix.js";

describe("Matrix helpers", () => {
  test("matrix() views given data, copies plain arrays, zero-fills otherwise", () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    const a = matrix(2, 3, data);
    expect(a.data).toBe(data);
    expect(matrix(2, 3, [1, 2, 3, 4, 5, 6]).data).toEqual(data);
    expect(matrix(2, 2).data).toEqual(new Float64Array(4));
    expect(() => matrix(2, 3, [1, 2])).toThrow(/invalid data: length 2, expected rows·cols = 2·3/);
    expect(() => matrix(-1, 3)).toThrow(/invalid rows.*-1/);
    expect(() => matrix(2, 1.5)).toThrow(/invalid cols.*1.5/);
  });

  test("fromRows / toRows round-trip and reject ragged rows", () => {
    const rows = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const a = fromRows(rows);
    expect(a).toMatchObject({ rows: 2, cols: 3 });
    expect(toRows(a)).toEqual(rows);
    expect(fromRows([])).toMatchObject({ rows: 0, cols: 0 });
    expect(() => fromRows([[1, 2], [3]])).toThrow(/row 1 has length 1, expected 2/);
  });

  test("row views share storage, columns and copies do not", () => {
    const a = fromRows([
      [1, 2],
      [3, 4],
    ]);
    rowView(a, 1)[0] = 30;
    expect(a.data[2]).toBe(30);
    const c = column(a, 1);
    c[0] = 99;
    expect(a.data[1]).toBe(2);
    const b = copyMatrix(a);
    b.data[0] = -1;
    expect(a.data[0]).toBe(1);
    expect(() => rowView(a, 2)).toThrow(/invalid i: expected an integer in \[0, 1\], got 2/);
  });

  test("transpose and identity", () => {
    const a = fromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(toRows(transpose(a))).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(toRows(identity(2))).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(() => transpose({ rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(
      /invalid a: data has length 3, expected rows·cols = 2·2/,
    );
    expect(() => transpose({ rows: 2, cols: 2, data: [1, 2, 3, 4] } as never)).toThrow(TypeError);
  });

  test("entries that are not numbers are a TypeError naming their position, not NaN or a conversion", () => {
    expect(() => fromRows([[1, "x"]] as never)).toThrow(TypeError);
    expect(() => fromRows([[1, "x"]] as never)).toThrow('invalid rows: rows[0][1] is "x"; expected a number');
    expect(() => fromRows([[1, 2], [3, "2"]] as never)).toThrow('invalid rows: rows[1][1] is "2"; expected a number');
    expect(() => fromRows([[1, null]] as never)).toThrow("invalid rows: rows[0][1] is null; expected a number");
    expect(() => fromRows([[1, undefined]] as never)).toThrow("rows[0][1] is undefined");
    expect(() => fromRows([[1, 2n]] as never)).toThrow("rows[0][1] is 2n");
    expect(() => fromRows([[1], null] as never)).toThrow("invalid rows: row 1 is null; expected an array of numbers");
    expect(() => fromRows(["12"] as never)).toThrow('invalid rows: row 0 is "12"; expected an array of numbers');
    expect(() => fromRows("ab" as never)).toThrow(/invalid rows: expected an array of rows, got "ab"/);
    // NaN and ±Infinity are numbers: each function states its own policy for them.
    expect(Array.from(fromRows([[NaN, -Infinity]]).data)).toEqual([NaN, -Infinity]);
    expect(() => matrix(1, 2, [1, "2"] as never)).toThrow('invalid data: data[1] is "2"; expected a number');
    expect(() => matrix(1, 2, [1, null] as never)).toThrow("invalid data: data[1] is null; expected a number");
    expect(() => matrix(1, 2, 7 as never)).toThrow(/invalid data: expected an array of numbers, got 7/);
  });

  test("matrix() takes an array of rows, as documented, and checks its shape", () => {
    expect(matrix(2, 2, [[1, 2], [3, 4]]).data).toEqual(Float64Array.of(1, 2, 3, 4));
    expect(() => matrix(2, 3, [[1, 2], [3, 4]])).toThrow("invalid data: 2 rows of length 2, expected 2 rows of length 3");
    expect(() => matrix(1, 2, [[1, "x"]] as never)).toThrow('invalid data: data[0][1] is "x"; expected a number');
    expect(matrix(1, 3, Float32Array.of(1, 2, 3)).data).toEqual(Float64Array.of(1, 2, 3));
  });

  test("sizes the engine cannot allocate are a RangeError naming the argument", () => {
    expect(() => matrix(1e9, 1e9)).toThrow(RangeError);
    expect(() => matrix(1e9, 1e9)).toThrow(/^invalid rows, cols: a 1000000000×1000000000 matrix has 1000000000000000000 entries/);
    expect(() => identity(1e9)).toThrow(/^invalid n: a 1000000000×1000000000 matrix/);
    expect(() => fromRows({ length: 2 ** 33, 0: { length: 2 ** 33 } } as never)).toThrow(/^invalid rows: a 8589934592×8589934592 matrix/);
  });
});
