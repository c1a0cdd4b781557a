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
});
