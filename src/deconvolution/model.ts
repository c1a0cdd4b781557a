// ConvolutionalModel: the data and iterates of y_j ≈ Σ_k a_k ⊛ x_jk + b_j·1 (N signals sharing K
// kernels) resident in wasm memory, with the spectra the solvers reuse between cost, gradient and
// line search, and an optional mask of missing samples per signal.
import type { EvaluationCounts } from "../problems/cache.js";
import type { ArenaScope } from "../runtime/arena.js";
import type { WasmBuffer } from "../runtime/buffer.js";
import { SpectralGeometry, type ConvolutionShape } from "./geometry.js";
import { deconvolutionKernels } from "./kernels.js";
import { SpectralOps, type Term } from "./spectra.js";

/** What a model starts from (validated by the caller). */
export interface ModelStart {
  readonly shape: ConvolutionShape;
  /** N ≥ 1 observed signals, row-major rows×cols each, finite where observed. */
  readonly signals: readonly Float64Array[];
  /** Per signal: 1 where the sample is observed, 0 where it is missing; omitted: all observed. */
  readonly masks?: readonly (Uint8Array | undefined)[];
  /** K ≥ 1 kernel windows (windowRows×windowCols, row-major), each of unit norm. */
  readonly kernels: readonly Float64Array[];
  /** The initial offset b_j of each signal. */
  readonly biases: readonly number[];
  /** Whether the b_j are re-estimated after each kernel step. */
  readonly estimateBias: boolean;
  /** Initial activations (rows×cols each, N·K of them, signal-major: x_jk at j·K + k); zero when omitted. */
  readonly activations?: readonly Float64Array[];
}

/**
 * The resident state of a convolutional model with N signals and K kernels (Lau et al. 2020 use
 * K = 1, N = 1 for deconvolution; K > 1 is convolutional dictionary learning; N > 1 shares the
 * kernels between signals, as the two difference images of blind deblurring do). Everything an
 * iteration touches lives in wasm memory and is allocated once, in the scope given:
 * - per signal j: y_j, its half spectrum Y_j and Yb_j, the spectrum of y_j − b_j·1 (Y_j but for
 *   the DC bin), a residual spectrum R_j, and with a mask M_j the mask and a signal work buffer;
 * - per kernel: the window a_k and the previous one (JS arrays: windows are short), the spectra
 *   A_k, A_k^old of the zero-padded windows, the spectrum S_k of the kernel step's direction;
 * - per activation x_jk (index j·K + k): three signal buffers x, x^old, x^next and their spectra,
 *   rotated (not copied) when a step is accepted and rotated back when one is undone, and a
 *   gradient signal and spectrum;
 * - work: two padded windows, four step sums.
 * Spectra are updated with their signals, never recomputed from them during a stage: the solver
 * combines spectra linearly wherever the signal update is linear (extrapolations, retractions).
 *
 * Masks: the data fit is then ½Σ_j‖M_j ⊙ (Σ_k a_k ⊛ x_jk + b_j − y_j)‖², whose residual is no
 * longer a spectral quantity: {@link residual} takes the spectral residual back to the signal
 * domain, masks it, and (for gradients) forward again — two more transforms per evaluation with
 * gradients, one without.
 */
export class ConvolutionalModel {
  readonly geometry: SpectralGeometry;
  readonly ops: SpectralOps;
  /** The number of kernels K. */
  readonly count: number;
  /** The number of signals N. */
  readonly signals: number;
  readonly estimateBias: boolean;
  readonly y: WasmBuffer<"f64">[];
  readonly Y: WasmBuffer<"f64">[];
  readonly Yb: WasmBuffer<"f64">[];
  /** Per signal: the mask as 0/1 f64 (undefined: all observed). */
  readonly mask: (WasmBuffer<"f64"> | undefined)[];
  /** Whether any signal has a mask. */
  readonly masked: boolean;
  /** The offsets b_j. */
  readonly bias: Float64Array;
  /** Σ_j ‖M_j(y_j − b_j·1)‖², the scale of the rounding errors of every residual (kept with b). */
  dataNorm2: number;
  a: Float64Array[];
  aOld: Float64Array[];
  A: WasmBuffer<"f64">[];
  AOld: WasmBuffer<"f64">[];
  x: WasmBuffer<"f64">[];
  xOld: WasmBuffer<"f64">[];
  xNext: WasmBuffer<"f64">[];
  X: WasmBuffer<"f64">[];
  XOld: WasmBuffer<"f64">[];
  XNext: WasmBuffer<"f64">[];
  /** Per activation: a signal-sized work buffer (the x-gradient). */
  readonly g: WasmBuffer<"f64">[];
  /** Per activation: a spectrum work buffer (gradient spectra). */
  readonly G: WasmBuffer<"f64">[];
  /** Per kernel: the spectrum of the kernel step's tangent direction. */
  readonly S: WasmBuffer<"f64">[];
  /** Per signal: a residual spectrum. */
  readonly R: WasmBuffer<"f64">[];
  /** A signal work buffer (masked residuals). */
  readonly work: WasmBuffer<"f64">;
  /** A padded-window work buffer (zero outside the window). */
  readonly padded: WasmBuffer<"f64">;
  /** A padded-window work buffer for inverse transforms (overwritten whole). */
  readonly unpadded: WasmBuffer<"f64">;
  /** The four sums of the fused prox step (⟨g, d⟩, ‖d‖², ‖x⁺‖₁, ‖x⁺ − x‖²). */
  readonly stats: WasmBuffer<"f64">;
  /**
   * Evaluations so far: `cost` counts data-fit evaluations (activation trials, kernel residuals
   * and Armijo trials), `gradient` the gradients (one per activation step and kernel step).
   */
  readonly evaluations: EvaluationCounts = { cost: 0, gradient: 0, hessian: 0 };
  /** Per signal: Σ M·y, Σ M·y², Σ M (the observed count). */
  readonly #sums: { sum: number; sum2: number; observed: number }[];

  constructor(start: ModelStart, scope: ArenaScope) {
    const K = start.kernels.length;
    const N = start.signals.length;
    this.count = K;
    this.signals = N;
    this.geometry = new SpectralGeometry(start.shape, scope);
    this.ops = new SpectralOps(this.geometry, 2 * K + 1, scope);
    const { size, spectrumLength, paddedLength } = this.geometry;
    const many = (n: number, length: number): WasmBuffer<"f64">[] => Array.from({ length: n }, () => scope.f64(length));
    this.estimateBias = start.estimateBias;
    this.mask = start.signals.map((_, j) => {
      const m = start.masks?.[j];
      if (m === undefined) return undefined;
      const b = scope.f64(size);
      const view = b.view;
      for (let i = 0; i < size; i++) view[i] = m[i];
      return b;
    });
    this.masked = this.mask.some((m) => m !== undefined);
    this.y = start.signals.map((s, j) => {
      const m = start.masks?.[j];
      // Missing samples may hold anything (NaN): they enter as 0, and the mask removes them.
      return scope.f64From(m === undefined ? s : s.map((v, i) => (m[i] ? v : 0)));
    });
    this.Y = many(N, spectrumLength);
    this.Yb = many(N, spectrumLength);
    this.R = many(N, spectrumLength);
    for (let j = 0; j < N; j++) this.geometry.forward(this.Y[j].ptr, this.y[j].ptr);
    this.#sums = this.y.map((b, j) => {
      const m = start.masks?.[j];
      let sum = 0, sum2 = 0, observed = 0;
      b.view.forEach((v, i) => {
        if (m !== undefined && !m[i]) return;
        sum += v;
        sum2 += v * v;
        observed++;
      });
      return { sum, sum2, observed };
    });
    this.bias = new Float64Array(N);
    this.dataNorm2 = 0;
    this.a = start.kernels.map((k) => k.slice());
    this.aOld = this.a.map((k) => k.slice());
    this.A = many(K, spectrumLength);
    this.AOld = many(K, spectrumLength);
    this.S = many(K, spectrumLength);
    this.x = many(N * K, size);
    this.xOld = many(N * K, size);
    this.xNext = many(N * K, size);
    this.X = many(N * K, spectrumLength);
    this.XOld = many(N * K, spectrumLength);
    this.XNext = many(N * K, spectrumLength);
    this.g = many(N * K, size);
    this.G = many(N * K, spectrumLength);
    this.work = scope.f64(size);
    this.padded = scope.f64(paddedLength);
    this.unpadded = scope.f64(paddedLength);
    this.stats = scope.f64(4);
    if (start.activations !== undefined) start.activations.forEach((v, i) => this.x[i].view.set(v));
    for (let j = 0; j < N; j++) this.setBias(j, start.biases[j]);
    this.syncSpectra();
  }

  /** The index of activation x_jk (signal j, kernel k) in x, X, g, G, …. */
  at(j: number, k: number): number {
    return j * this.count + k;
  }

  /** Sets b_j and the DC bin of Yb_j: the DC bin of y_j − b_j·1 is Y_j,0 − b_j·rows·cols. */
  setBias(j: number, b: number): void {
    this.bias[j] = b;
    this.dataNorm2 = 0;
    for (let i = 0; i < this.signals; i++) {
      const { sum, sum2, observed } = this.#sums[i];
      const bi = this.bias[i];
      this.dataNorm2 += Math.max(0, sum2 - 2 * bi * sum + bi * bi * observed);
    }
    const yb = this.Yb[j].view;
    yb.set(this.Y[j].view);
    yb[0] -= b * this.geometry.size;
  }

  /** Sets every b_j (restoring a saved copy of {@link bias}). */
  setBiases(values: ArrayLike<number>): void {
    for (let j = 0; j < this.signals; j++) this.setBias(j, values[j]);
  }

  /**
   * Recomputes every spectrum from its signal or window (K + N·K transforms) and forgets the
   * momentum. Called when a run starts; spectra stay in step with their signals after that.
   */
  syncSpectra(): void {
    for (let k = 0; k < this.count; k++) this.spectrumOfWindow(this.A[k].ptr, this.a[k]);
    for (let i = 0; i < this.x.length; i++) this.geometry.forward(this.X[i].ptr, this.x[i].ptr);
    this.resetMomentum();
  }

  /** Replaces kernel k (a unit-norm window) and its spectrum, and forgets the momentum. */
  setKernel(k: number, window: Float64Array): void {
    this.a[k] = window.slice();
    this.spectrumOfWindow(this.A[k].ptr, this.a[k]);
    this.resetMomentum();
  }

  /** Makes the previous iterates equal to the current ones (copies, no transform): no momentum. */
  resetMomentum(): void {
    for (let k = 0; k < this.count; k++) {
      this.aOld[k].set(this.a[k]);
      this.AOld[k].view.set(this.A[k].view);
    }
    for (let i = 0; i < this.x.length; i++) {
      this.xOld[i].view.set(this.x[i].view);
      this.XOld[i].view.set(this.X[i].view);
    }
  }

  /** spec ← the half spectrum of a kernel window zero-padded to the signal's shape. */
  spectrumOfWindow(spec: number, window: Float64Array): void {
    this.geometry.writeWindow(this.padded.view, window);
    this.geometry.forwardPadded(spec, this.padded.ptr);
  }

  /** window ← the window's entries of the signal whose half spectrum is `spec`. */
  windowOfSpectrum(window: Float64Array, spec: number): void {
    this.geometry.inversePadded(this.unpadded.ptr, spec);
    this.geometry.readWindow(window, this.unpadded.view);
  }

  /** Makes x^next the current activation (x^old ← x, x ← x^next), spectra alike. */
  commitActivation(): void {
    [this.xOld, this.x, this.xNext] = [this.x, this.xNext, this.xOld];
    [this.XOld, this.X, this.XNext] = [this.X, this.XNext, this.XOld];
  }

  /** Undoes the last {@link commitActivation}. */
  undoActivation(): void {
    [this.x, this.xNext, this.xOld] = [this.xOld, this.x, this.xNext];
    [this.X, this.XNext, this.XOld] = [this.XOld, this.X, this.XNext];
  }

  /** Makes (windows, spectra held in AOld) the current kernels; the current ones become the old. */
  commitKernels(windows: Float64Array[]): void {
    [this.AOld, this.A] = [this.A, this.AOld];
    this.aOld = this.a;
    this.a = windows;
  }

  /** Undoes the last {@link commitKernels} (the kernels before it come back; momentum is lost). */
  undoKernels(): void {
    [this.AOld, this.A] = [this.A, this.AOld];
    this.a = this.aOld;
    this.aOld = this.a.map((k) => k.slice());
    for (let k = 0; k < this.count; k++) this.AOld[k].view.set(this.A[k].view);
  }

  /**
   * ½‖M_j ⊙ r_j‖² for r_j = Σ terms − Yb_j (the terms' products summed, see {@link Term}),
   * optionally writing the gradient spectra grads[i] = conj(v_i)·R and the residual spectrum
   * R (`res`), where R is the spectrum of M_j ⊙ r_j. Without a mask: one pass by Parseval.
   */
  residual(j: number, terms: readonly Term[], grads?: readonly number[], res = 0): number {
    const mask = this.mask[j];
    if (mask === undefined) return this.ops.residual(terms, this.Yb[j].ptr, grads, res);
    const k = deconvolutionKernels();
    const spec = res !== 0 ? res : this.R[j].ptr;
    this.ops.residual(terms, this.Yb[j].ptr, undefined, spec);
    const r = this.work;
    this.geometry.inverse(r.ptr, spec);
    k.multiplyEntries(r.ptr, r.ptr, mask.ptr, r.length);
    const fit = 0.5 * k.dot(r.length, r.ptr, 1, r.ptr, 1);
    if (grads !== undefined || res !== 0) {
      this.geometry.forward(spec, r.ptr);
      grads?.forEach((g, i) => this.ops.product(g, terms[i].v!, spec, true));
    }
    return fit;
  }

  /** The terms A_k·X_jk of signal j at the current iterate. */
  terms(j: number): Term[] {
    return this.A.map((A, k) => ({ u: A.ptr, v: this.X[this.at(j, k)].ptr }));
  }

  /**
   * b_j ← b_j − mean(M_j r_j) over the observed samples for r_j = Σ a_k ⊛ x_jk + b_j − y_j, the
   * exact minimizer of the data fit over each b_j. Without a mask the mean is the DC bin of
   * Σ A_k·X_jk − Yb_j over rows·cols (real at DC); with one, it needs the residual (one transform).
   */
  updateBias(): void {
    const k = deconvolutionKernels();
    for (let j = 0; j < this.signals; j++) {
      const mask = this.mask[j];
      let mean: number;
      if (mask === undefined) {
        let dc = -this.Yb[j].view[0];
        for (let i = 0; i < this.count; i++) dc += this.A[i].view[0] * this.X[this.at(j, i)].view[0];
        mean = dc / this.geometry.size;
      } else {
        this.residual(j, this.terms(j));
        const observed = this.#sums[j].observed;
        mean = observed === 0 ? 0 : k.dot(mask.length, this.work.ptr, 1, mask.ptr, 1) / observed;
      }
      this.setBias(j, this.bias[j] - mean);
    }
  }

  /** ½Σ_j‖M_j(Σ_k a_k ⊛ x_jk + b_j·1 − y_j)‖² at the current iterate. */
  dataFit(): number {
    let fit = 0;
    for (let j = 0; j < this.signals; j++) fit += this.residual(j, this.terms(j));
    return fit;
  }

  /** Σ_jk ‖x_jk‖₁. */
  l1(): number {
    const k = deconvolutionKernels();
    let s = 0;
    for (const x of this.x) s += k.asum(x.length, x.ptr, 1);
    return s;
  }
}
