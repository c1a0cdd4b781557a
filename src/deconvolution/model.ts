// ConvolutionalModel: the data and iterates of y ≈ Σ_k a_k ⊛ x_k + b·1 resident in wasm memory,
// with the spectra the solvers reuse between cost, gradient and line search.
import type { EvaluationCounts } from "../problems/cache.js";
import type { ArenaScope } from "../runtime/arena.js";
import type { WasmBuffer } from "../runtime/buffer.js";
import { SpectralGeometry, type ConvolutionShape } from "./geometry.js";
import { deconvolutionKernels } from "./kernels.js";
import { SpectralOps } from "./spectra.js";

/** What a model starts from (validated by the caller). */
export interface ModelStart {
  readonly shape: ConvolutionShape;
  /** The observed signal, row-major rows×cols, finite. */
  readonly y: Float64Array;
  /** K ≥ 1 kernel windows (windowRows×windowCols, row-major), each of unit norm. */
  readonly kernels: readonly Float64Array[];
  /** The initial offset b. */
  readonly bias: number;
  /** Whether b is re-estimated after each kernel step. */
  readonly estimateBias: boolean;
  /** Initial activations (rows×cols each); zero when omitted. */
  readonly activations?: readonly Float64Array[];
}

/**
 * The resident state of a convolutional model with K kernels (Lau et al. 2020 use K = 1 for
 * deconvolution, K > 1 for convolutional dictionary learning). Everything an iteration touches
 * lives in wasm memory and is allocated once, in the scope given:
 * - y, its half spectrum Y and Yb, the spectrum of y − b·1 (Y but for the DC bin);
 * - per kernel: the window a_k and the previous one (JS arrays: windows are short), the spectra
 *   A_k, A_k^old of the zero-padded windows;
 * - per activation: three signal buffers x_k, x_k^old, x_k^next and their spectra, rotated (not
 *   copied) when a step is accepted and rotated back when one is undone;
 * - work: a gradient signal and two spectra per kernel, a residual spectrum, two padded
 *   windows, four step sums.
 * Spectra are updated with their signals, never recomputed from them during a stage: the solver
 * combines spectra linearly wherever the signal update is linear (extrapolations, retractions).
 */
export class ConvolutionalModel {
  readonly geometry: SpectralGeometry;
  readonly ops: SpectralOps;
  /** The number of kernels K. */
  readonly count: number;
  readonly estimateBias: boolean;
  readonly y: WasmBuffer<"f64">;
  readonly Y: WasmBuffer<"f64">;
  readonly Yb: WasmBuffer<"f64">;
  bias: number;
  /** ‖y − b·1‖², the scale of the rounding errors of every residual (kept with b). */
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
  /** Per kernel: a signal-sized work buffer (the x-gradient). */
  readonly g: WasmBuffer<"f64">[];
  /** Per kernel: a spectrum work buffer (gradient spectra). */
  readonly G: WasmBuffer<"f64">[];
  /** Per kernel: the spectrum of the kernel step's tangent direction. */
  readonly S: WasmBuffer<"f64">[];
  /** A residual spectrum. */
  readonly R: WasmBuffer<"f64">;
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
  readonly #sum: number;
  readonly #sum2: number;

  constructor(start: ModelStart, scope: ArenaScope) {
    const K = start.kernels.length;
    this.count = K;
    this.geometry = new SpectralGeometry(start.shape, scope);
    this.ops = new SpectralOps(this.geometry, 2 * K + 1, scope);
    const { size, spectrumLength, paddedLength } = this.geometry;
    const signals = (): WasmBuffer<"f64">[] => Array.from({ length: K }, () => scope.f64(size));
    const spectra = (): WasmBuffer<"f64">[] => Array.from({ length: K }, () => scope.f64(spectrumLength));
    this.estimateBias = start.estimateBias;
    this.y = scope.f64From(start.y);
    this.Y = scope.f64(spectrumLength);
    this.Yb = scope.f64(spectrumLength);
    this.geometry.forward(this.Y.ptr, this.y.ptr);
    this.bias = 0;
    this.dataNorm2 = 0;
    let sum = 0, sum2 = 0;
    for (const v of start.y) {
      sum += v;
      sum2 += v * v;
    }
    this.#sum = sum;
    this.#sum2 = sum2;
    this.a = start.kernels.map((k) => k.slice());
    this.aOld = this.a.map((k) => k.slice());
    this.A = spectra();
    this.AOld = spectra();
    this.x = signals();
    this.xOld = signals();
    this.xNext = signals();
    this.X = spectra();
    this.XOld = spectra();
    this.XNext = spectra();
    this.g = signals();
    this.G = spectra();
    this.S = spectra();
    this.R = scope.f64(spectrumLength);
    this.padded = scope.f64(paddedLength);
    this.unpadded = scope.f64(paddedLength);
    this.stats = scope.f64(4);
    if (start.activations !== undefined) start.activations.forEach((v, k) => this.x[k].view.set(v));
    this.setBias(start.bias);
    this.syncSpectra();
  }

  /** Sets b and the DC bin of Yb: the DC bin of y − b·1 is Y₀ − b·rows·cols. */
  setBias(b: number): void {
    this.bias = b;
    this.dataNorm2 = Math.max(0, this.#sum2 - 2 * b * this.#sum + b * b * this.geometry.size);
    const yb = this.Yb.view;
    yb.set(this.Y.view);
    yb[0] -= b * this.geometry.size;
  }

  /**
   * Recomputes every spectrum from its signal or window (2K transforms) and forgets the
   * momentum. Called when a run starts; spectra stay in step with their signals after that.
   */
  syncSpectra(): void {
    for (let k = 0; k < this.count; k++) {
      this.spectrumOfWindow(this.A[k].ptr, this.a[k]);
      this.geometry.forward(this.X[k].ptr, this.x[k].ptr);
    }
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
      this.xOld[k].view.set(this.x[k].view);
      this.XOld[k].view.set(this.X[k].view);
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
   * b ← b − mean(r) for the residual r = Σ a_k ⊛ x_k + b − y, the exact minimizer of the data
   * fit over b; the mean is the DC bin of Σ A_k·X_k − Yb over rows·cols (real at DC).
   */
  updateBias(): void {
    let dc = -this.Yb.view[0];
    for (let k = 0; k < this.count; k++) dc += this.A[k].view[0] * this.X[k].view[0];
    this.setBias(this.bias - dc / this.geometry.size);
  }

  /** ½‖Σ_k a_k ⊛ x_k + b·1 − y‖² at the current iterate (one pass over the spectra). */
  dataFit(): number {
    return this.ops.residual(this.A.map((A, k) => ({ u: A.ptr, v: this.X[k].ptr })), this.Yb.ptr);
  }

  /** Σ_k ‖x_k‖₁. */
  l1(): number {
    const k = deconvolutionKernels();
    let s = 0;
    for (const x of this.x) s += k.asum(x.length, x.ptr, 1);
    return s;
  }
}
