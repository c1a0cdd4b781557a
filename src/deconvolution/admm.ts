// ConvolutionalAdmm: convolutional dictionary learning by ADMM in both blocks, with the
// per-frequency K×K solves (assembly/deconvolution/frequency-solve.ts), as a stage solver the
// homotopy of run-iadm.ts can drive.
import type { ArenaScope } from "../runtime/arena.js";
import type { WasmBuffer } from "../runtime/buffer.js";
import type { StageIteration, StageSolver } from "./iadm.js";
import { deconvolutionKernels } from "./kernels.js";
import type { ConvolutionalModel } from "./model.js";

/** Over-relaxation α of both blocks (Wohlberg 2016, §III-D: α ≈ 1.8 works well for CSC). */
const RELAXATION = 1.8;
/**
 * Residual balancing (Boyd et al. 2011, §3.4.1): every `every` iterations a penalty is scaled by
 * `factor` when one of its residuals exceeds `ratio` times the other.
 */
const BALANCING = { every: 10, ratio: 10, factor: 2 };

/**
 * ADMM for convolutional dictionary learning on a {@link ConvolutionalModel} without masks
 * (Bristow, Eriksson & Lucey, "Fast convolutional sparse coding", CVPR 2013; Wohlberg,
 * "Efficient algorithms for convolutional sparse representations", IEEE TIP 2016; the
 * interleaved form of Garcia-Cardona & Wohlberg, "Convolutional dictionary learning: a
 * comparative review and new algorithms", IEEE TCI 2018, §IV: one iteration of each block's
 * ADMM per outer iteration, every auxiliary variable and dual kept from one to the next).
 *
 * Coding, the split x = z with λ‖z‖₁ and scaled dual u (per activation x_jk):
 *   x̂ = (D̂ᴴD̂ + ρI)⁻¹(D̂ᴴŷ_j + ρ(ẑ − û))  per frequency, D̂ = (ĝ_1 … ĝ_K) one row: Sherman–Morrison,
 *   z = soft(x_r + u, λ/ρ),  u += x_r − z,  x_r = αx + (1 − α)z (over-relaxation).
 * Kernel update, the split d = g with g in C = {supported in the window, ‖g‖ = 1} and scaled dual h:
 *   d̂ = (Σ_j ẑ_jᴴẑ_j + σI)⁻¹(Σ_j ẑ_jᴴŷ_j + σ(ĝ − ĥ))  per frequency (one signal: Sherman–Morrison;
 *   more: the Hermitian K×K Gram matrix factored by Cholesky once per iteration),
 *   g = P_C(d_r + h) (the window's entries, normalized),  h += d_r − g.
 * (C is the sphere, not the ball of the usual convex CDL: the same problem as iADM's.)
 * Then the offsets exactly, as iADM does. The iterate reported is the feasible pair (g, z) held
 * in the model (kernels on the sphere in their windows, sparse activations), so Ψ is the same
 * function iADM reports. Ψ is not monotone under ADMM.
 *
 * Per iteration: one inverse and one forward transform per activation (x back to the signal
 * domain, z forward; û is kept spectrally), one full inverse and one padded forward transform per
 * kernel, the per-frequency solves, and Ψ by Parseval (no transform).
 * Penalties: ρ and σ start at 1 (kernels of unit norm: the mean of |ĝ(ω)|² is 1) and follow
 * residual balancing; the scaled duals are rescaled with them.
 */
export class ConvolutionalAdmm implements StageSolver {
  readonly model: ConvolutionalModel;
  lambda: number;
  objective: number;
  #rho = 1;
  #sigma = 1;
  readonly #u: WasmBuffer<"f64">[];
  readonly #U: WasmBuffer<"f64">[];
  /** Per activation: the coefficient solve's spectrum x̂. */
  readonly #Xs: WasmBuffer<"f64">[];
  /** A signal work buffer (x, then d). */
  readonly #signal: WasmBuffer<"f64">;
  /** Per kernel: h (full signal), its spectrum, the solve's spectrum d̂, g zero-padded to the signal. */
  readonly #h: WasmBuffer<"f64">[];
  readonly #H: WasmBuffer<"f64">[];
  readonly #D: WasmBuffer<"f64">[];
  readonly #gFull: WasmBuffer<"f64">[];
  readonly #factors: WasmBuffer<"f64"> | undefined;
  readonly #codingTables: WasmBuffer<"f64">[];
  readonly #kernelTable: WasmBuffer<"f64">;
  readonly #stats: WasmBuffer<"f64">;
  #iterations = 0;

  constructor(model: ConvolutionalModel, lambda: number, scope: ArenaScope) {
    if (model.masked) throw new RangeError("ConvolutionalAdmm: masks are not supported");
    this.model = model;
    this.lambda = lambda;
    const { size, spectrumLength } = model.geometry;
    const N = model.signals, K = model.count;
    const many = (n: number, length: number): WasmBuffer<"f64">[] => Array.from({ length: n }, () => scope.f64(length));
    this.#u = many(N * K, size);
    this.#U = many(N * K, spectrumLength);
    this.#Xs = many(N * K, spectrumLength);
    this.#signal = scope.f64(size);
    this.#h = many(K, size);
    this.#H = many(K, spectrumLength);
    this.#D = many(K, spectrumLength);
    this.#gFull = many(K, size);
    this.#factors = N > 1 ? scope.f64(spectrumLength * ((K * (K + 1)) >> 1)) : undefined;
    // Coding, per signal j: [ĝ_k …, x̂_jk … (w, in place), x̂_jk … (out)].
    this.#codingTables = Array.from({ length: N }, (_, j) => {
      const t = scope.f64(3 * K);
      for (let k = 0; k < K; k++) {
        t.view[k] = model.A[k].ptr;
        t.view[K + k] = t.view[2 * K + k] = this.#Xs[model.at(j, k)].ptr;
      }
      return t;
    });
    // Kernel update: [ẑ_jk …, ŷ_j …, d̂_k … (w, in place), d̂_k … (out)]; one signal: [ẑ_k …, d̂_k …, d̂_k …].
    this.#kernelTable = scope.f64(N > 1 ? N * K + N + 2 * K : 3 * K);
    this.#stats = scope.f64(3);
    this.objective = model.dataFit() + lambda * model.l1();
    this.#resetAuxiliaries();
  }

  /**
   * Changes λ (a homotopy stage). When the model's kernels are still this solver's g (not
   * re-centred in between), the splits are warm-started: the coding dual is scaled by λ′/λ (at a
   * solution ρu ∈ λ∂‖z‖₁), the kernel dual and the penalties are kept. Otherwise (a kernel moved)
   * they restart from the model's (g, z) with zero duals.
   */
  setLambda(lambda: number): void {
    const previous = this.lambda;
    this.lambda = lambda;
    if (this.#kernelsUnchanged() && previous > 0) this.#scaleDuals(this.#u, this.#U, lambda / previous);
    else this.#resetAuxiliaries();
    this.objective = this.model.dataFit() + lambda * this.model.l1();
  }

  /**
   * One outer iteration (a coding step, a kernel step, the offsets). The measure is the ADMM
   * residual norm √(‖x − z‖² + ρ²‖Δz‖² + ‖d − g‖² + σ²‖Δg‖²): primal and dual residuals of both
   * splits, which vanish together at a fixed point, a stationary point of Ψ. Never null.
   */
  iterate(): StageIteration {
    const model = this.model;
    const k = deconvolutionKernels();
    const { geometry, ops } = model;
    const N = model.signals, K = model.count;
    const bins = geometry.spectrumLength / 2;
    const alpha = RELAXATION;
    // Coding: x̂ per frequency, then z and u in the signal domain, û and ẑ spectrally.
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < K; i++) {
        const a = model.at(j, i);
        ops.combine(this.#Xs[a].ptr, 1, model.X[a].ptr, -1, this.#U[a].ptr);
      }
      this.#codingTables[j].view.set(model.A.map((A) => A.ptr), 0);
      k.rankOneSolve(this.#codingTables[j].ptr, K, model.Yb[j].ptr, this.#rho, bins);
    }
    const stats = this.#stats;
    stats.view.fill(0);
    const x = this.#signal;
    for (let a = 0; a < N * K; a++) {
      geometry.inverse(x.ptr, this.#Xs[a].ptr);
      // û += αx̂ + (1 − α)ẑ_old − ẑ_new, the spectral twin of u's update.
      ops.combine(this.#U[a].ptr, 1, this.#U[a].ptr, alpha, this.#Xs[a].ptr, 1 - alpha, model.X[a].ptr);
      k.admmShrink(model.x[a].ptr, this.#u[a].ptr, x.ptr, alpha, this.lambda / this.#rho, x.length, stats.ptr);
      geometry.forward(model.X[a].ptr, model.x[a].ptr);
      ops.combine(this.#U[a].ptr, 1, this.#U[a].ptr, -1, model.X[a].ptr);
    }
    const [codingPrimal2, codingChange2, l1] = stats.view;
    // Kernel update: d̂ per frequency, then g = P_C(d_r + h), h and ĥ.
    const table = this.#kernelTable.view;
    for (let i = 0; i < K; i++) ops.combine(this.#D[i].ptr, 1, model.A[i].ptr, -1, this.#H[i].ptr);
    if (N === 1) {
      for (let i = 0; i < K; i++) {
        table[i] = model.X[model.at(0, i)].ptr;
        table[K + i] = table[2 * K + i] = this.#D[i].ptr;
      }
      k.rankOneSolve(this.#kernelTable.ptr, K, model.Yb[0].ptr, this.#sigma, bins);
    } else {
      for (let a = 0; a < N * K; a++) table[a] = model.X[a].ptr;
      for (let j = 0; j < N; j++) table[N * K + j] = model.Yb[j].ptr;
      for (let i = 0; i < K; i++) table[N * K + N + i] = table[N * K + N + K + i] = this.#D[i].ptr;
      k.gramCholesky(this.#factors!.ptr, this.#kernelTable.ptr, N, K, this.#sigma, bins);
      k.gramSolve(this.#factors!.ptr, this.#kernelTable.ptr, N, K, this.#sigma, bins);
    }
    let kernelPrimal2 = 0, kernelChange2 = 0;
    const d = this.#signal;
    for (let i = 0; i < K; i++) {
      geometry.inverse(d.ptr, this.#D[i].ptr);
      ops.combine(this.#H[i].ptr, 1, this.#H[i].ptr, alpha, this.#D[i].ptr, 1 - alpha, model.A[i].ptr);
      const gFull = this.#gFull[i].view, dv = d.view;
      // ‖d − g‖² with the old g (the primal residual), then h += d_r (d_r = αd + (1 − α)g).
      kernelPrimal2 += distance2(dv, gFull);
      k.lincomb3(this.#h[i].ptr, 1, this.#h[i].ptr, alpha, d.ptr, 1 - alpha, this.#gFull[i].ptr, d.length);
      const g = new Float64Array(model.a[i].length);
      geometry.readWindow(g, this.#h[i].view);
      let norm2 = 0;
      for (const v of g) norm2 += v * v;
      if (norm2 > 0) {
        const s = 1 / Math.sqrt(norm2);
        for (let e = 0; e < g.length; e++) g[e] *= s;
      } else {
        g.set(model.a[i]);
      }
      kernelChange2 += distance2(g, model.a[i]);
      // h −= g (zero outside the window), g padded, ĝ, ĥ −= ĝ.
      const h = this.#h[i].view;
      const { windowRows, windowCols, cols } = geometry;
      for (let r = 0; r < windowRows; r++) {
        for (let c = 0; c < windowCols; c++) {
          h[r * cols + c] -= g[r * windowCols + c];
          gFull[r * cols + c] = g[r * windowCols + c];
        }
      }
      model.a[i] = g;
      model.spectrumOfWindow(model.A[i].ptr, g);
      ops.combine(this.#H[i].ptr, 1, this.#H[i].ptr, -1, model.A[i].ptr);
    }
    if (model.estimateBias) model.updateBias();
    model.evaluations.gradient++;
    model.evaluations.cost++;
    this.objective = model.dataFit() + this.lambda * l1;
    const measure = Math.sqrt(codingPrimal2 + this.#rho ** 2 * codingChange2 + kernelPrimal2 + this.#sigma ** 2 * kernelChange2);
    this.#balance(codingPrimal2, codingChange2, kernelPrimal2, kernelChange2);
    return { objective: this.objective, measure, step: Math.sqrt(codingChange2 + kernelChange2), restarted: false };
  }

  /** Residual balancing of ρ and σ, the scaled duals rescaled (u = y/ρ: u·ρ_old/ρ_new). */
  #balance(codingPrimal2: number, codingChange2: number, kernelPrimal2: number, kernelChange2: number): void {
    if (++this.#iterations % BALANCING.every !== 0) return;
    const { ratio, factor } = BALANCING;
    const scale = (r: number, s: number): number => (r > ratio * s ? factor : s > ratio * r ? 1 / factor : 1);
    const c = scale(Math.sqrt(codingPrimal2), this.#rho * Math.sqrt(codingChange2));
    if (c !== 1) {
      this.#rho *= c;
      this.#scaleDuals(this.#u, this.#U, 1 / c);
    }
    const s = scale(Math.sqrt(kernelPrimal2), this.#sigma * Math.sqrt(kernelChange2));
    if (s !== 1) {
      this.#sigma *= s;
      this.#scaleDuals(this.#h, this.#H, 1 / s);
    }
  }

  #scaleDuals(signals: WasmBuffer<"f64">[], spectra: WasmBuffer<"f64">[], c: number): void {
    const { ops } = this.model;
    const k = deconvolutionKernels();
    signals.forEach((b, i) => {
      k.lincomb3(b.ptr, c, b.ptr, 0, 0, 0, 0, b.length);
      ops.combine(spectra[i].ptr, c, spectra[i].ptr);
    });
  }

  /** Whether every model kernel equals the window of this solver's padded g. */
  #kernelsUnchanged(): boolean {
    const { geometry } = this.model;
    return this.model.a.every((a, i) => {
      const w = new Float64Array(a.length);
      geometry.readWindow(w, this.#gFull[i].view);
      return w.every((v, e) => v === a[e]);
    });
  }

  /** u = 0, h = 0, g padded from the model's kernels; the penalties back to 1. */
  #resetAuxiliaries(): void {
    const model = this.model;
    for (const b of [...this.#u, ...this.#U, ...this.#h, ...this.#H]) b.view.fill(0);
    this.#gFull.forEach((b, i) => {
      b.view.fill(0);
      model.geometry.writeWindow(b.view, model.a[i]);
    });
    this.#rho = 1;
    this.#sigma = 1;
    this.#iterations = 0;
  }
}

function distance2(u: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += (u[i] - v[i]) ** 2;
  return s;
}
