// The wasm exports of assembly/completion/ the wrappers call (byte addresses are numbers), and
// the argument checks they share.
import { checkCsr } from "../sparse/check.js";
import type { CsrBuffers, CsrMatrix } from "../sparse/types.js";
import { checkBoolean, checkInteger, checkOptions, describe } from "../../validate.js";

export interface CompletionKernels {
  alsSolveRows(
    outU: number, m: number, r: number, rowPtr: number, colIdx: number, values: number, v: number, ldv: number,
    lambda: number, work: number,
  ): number;
  alsNormalEquations(
    outG: number, outB: number, m: number, r: number, rowPtr: number, colIdx: number, values: number, v: number,
    ldv: number, work: number,
  ): void;
  alsWorkspaceSize(r: number): number;
  csrResidualSumSquares(
    m: number, r: number, u: number, v: number, rowPtr: number, colIdx: number, value: number,
  ): number;
  csrResidualGradient(
    outG: number, m: number, r: number, u: number, v: number, rowPtr: number, colIdx: number, value: number,
    lambda: number,
  ): number;
  csrResidualGradients(
    outG: number, outGt: number, m: number, r: number, u: number, v: number, rowPtr: number, colIdx: number,
    value: number, lambda: number,
  ): number;
  dot(n: number, x: number, incx: number, y: number, incy: number): number;
}

/** A well-formed CSR matrix (full check: row pointers, column range, finite values). */
export function checkCsrOnly(name: string, S: unknown): CsrMatrix {
  if (S !== null && typeof S === "object" && !("rowPtr" in S) && "row" in S) {
    throw new TypeError(
      `invalid ${name}: expected a CSR matrix { rows, cols, rowPtr, colIdx, value } (convert COO with cooToCsr), got a COO matrix`,
    );
  }
  return checkCsr(name, S);
}

/** CSR buffers (not COO): the TypeError the buffer variants share. */
export function checkCsrBuffersShape(name: string, S: unknown): CsrBuffers {
  if (S === null || typeof S !== "object" || !("rowPtr" in S)) {
    const got = S !== null && typeof S === "object" && "row" in S ? "COO buffers" : describe(S);
    throw new TypeError(`invalid ${name}: expected CSR buffers { rows, cols, rowPtr, colIdx, value }, got ${got}`);
  }
  return S as CsrBuffers;
}

/** The `{ rank, check? }` options of the buffer-level wrappers (check defaults to true). */
export function checkRankOptions(options: { rank: number; check?: boolean } | undefined): { rank: number; check: boolean } {
  if (options === undefined) throw new TypeError("invalid options: expected { rank }, got undefined");
  checkOptions("options", options, ["rank", "check"]);
  const { rank, check = true } = options;
  checkInteger("rank", rank, 0, 0x7fffffff);
  checkBoolean("check", check);
  return { rank, check };
}
