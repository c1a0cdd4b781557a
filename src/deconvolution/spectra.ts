// SpectralOps: residuals, gradient spectra, Gram matrices and linear combinations of half spectra
// (assembly/deconvolution/spectral.ts), with the term tables kept in wasm memory.
import type { ArenaScope } from "../runtime/arena.js";
import type { WasmBuffer } from "../runtime/buffer.js";
import type { SpectralGeometry } from "./geometry.js";
import { deconvolutionKernels, type DeconvolutionKernels } from "./kernels.js";

/**
 * One product term (c1·u + c2·u′)·v of half spectra, by byte address: u′ and v may be omitted
 * (u′: the term is c1·u·v; v: the term is c1·u + c2·u′). c1 defaults to 1, c2 to 0.
 */
export interface Term {
  u: number;
  u2?: number;
  v?: number;
  c1?: number;
  c2?: number;
}

const FIELDS = 5;

/** The spectral kernels of one geometry, for up to `maxTerms` terms per call. */
export class SpectralOps {
  readonly geometry: SpectralGeometry;
  readonly #k: DeconvolutionKernels;
  readonly #table: WasmBuffer<"f64">;
  readonly #grads: WasmBuffer<"f64">;
  readonly #gram: WasmBuffer<"f64">;
  readonly #scratch: WasmBuffer<"f64">;
  readonly #maxTerms: number;

  constructor(geometry: SpectralGeometry, maxTerms: number, scope: ArenaScope) {
    this.geometry = geometry;
    this.#k = deconvolutionKernels();
    this.#maxTerms = maxTerms;
    this.#table = scope.f64(FIELDS * maxTerms);
    this.#grads = scope.f64(maxTerms);
    this.#gram = scope.f64(maxTerms * maxTerms);
    this.#scratch = scope.f64(2 * maxTerms);
  }

  /**
   * ½‖r‖² for r = Σ terms − y (the real signal's squared norm, by Parseval), optionally writing
   * the gradient spectra grads[k] = conj(v_k)·r and the residual spectrum `res`.
   */
  residual(terms: readonly Term[], y: number, grads?: readonly number[], res = 0): number {
    this.#fill(terms);
    let g = 0;
    if (grads !== undefined) {
      this.#grads.view.set(grads);
      g = this.#grads.ptr;
    }
    const { rows, cols } = this.geometry;
    return this.#k.spectralResidual(this.#table.ptr, terms.length, y, g, res, rows, cols);
  }

  /** The Gram matrix ⟨t_j, t_l⟩ of the terms' real signals, row-major (a view: copy to keep). */
  gram(terms: readonly Term[]): Float64Array {
    this.#fill(terms);
    const { rows, cols } = this.geometry;
    this.#k.spectralGram(this.#gram.ptr, this.#table.ptr, terms.length, rows, cols, this.#scratch.ptr);
    return this.#gram.view.subarray(0, terms.length * terms.length);
  }

  /**
   * out ← p·q entrywise, or conj(p)·q (`conjugate`: the spectrum of the correlation of q's signal
   * with p's), added to out with `accumulate`. out may be p or q.
   */
  product(out: number, p: number, q: number, conjugate: boolean, accumulate = false): void {
    this.#k.spectralProduct(out, p, q, this.geometry.spectrumLength / 2, conjugate ? 1 : 0, accumulate ? 1 : 0);
  }

  /** out ← a·x + b·y + c·z over whole spectra (y, z may be 0: absent); out may be x, y or z. */
  combine(out: number, a: number, x: number, b = 0, y = 0, c = 0, z = 0): void {
    this.#k.lincomb3(out, a, x, b, y, c, z, this.geometry.spectrumLength);
  }

  #fill(terms: readonly Term[]): void {
    if (terms.length < 1 || terms.length > this.#maxTerms) {
      throw new RangeError(`SpectralOps: ${terms.length} terms, expected 1 … ${this.#maxTerms}`);
    }
    const t = this.#table.view;
    for (let k = 0; k < terms.length; k++) {
      const term = terms[k];
      const o = FIELDS * k;
      t[o] = term.u;
      t[o + 1] = term.u2 ?? 0;
      t[o + 2] = term.v ?? 0;
      t[o + 3] = term.c1 ?? 1;
      t[o + 4] = term.c2 ?? 0;
    }
  }
}
