// Landscape slices: Ψ with x minimized (or its smooth surrogate) over the great circle or the
// 2-sphere spanned by two or three kernels (shifts of the truth), as arrays ready to plot.
import type { Matrix } from "../matrix.js";
import { ArenaScope } from "../runtime/arena.js";
import { runtime } from "../runtime/init.js";
import { resolveCommonOptions } from "../solvers/options.js";
import { SolverRun } from "../solvers/run.js";
import { yieldToEventLoop } from "../solvers/yield.js";
import { checkAllFinite, checkChoice, checkFinite, checkInteger, checkMatrix, checkOptions, describe } from "../validate.js";
import type { ConvolutionShape } from "./geometry.js";
import { runStage } from "./homotopy.js";
import { ActivationSolver } from "./lasso.js";
import { ConvolutionalModel } from "./model.js";
import { surrogateProblem } from "./surrogate.js";

/** Options of {@link landscapeSlice}. */
export interface LandscapeSliceOptions {
  /**
   * λ ≥ 0 of Ψ.
   * @defaultValue 0.01
   */
  lambda?: number;
  /**
   * `"lasso"`: min_x Ψ(a, x) = ½‖y − a ⊛ x − b·1‖² + λ‖x‖₁ (each point a lasso solved by FISTA
   * with restarts to `tolerance`, warm-started at the previous point); `"smooth"`: the smoothed
   * surrogate with |x| replaced by √(x² + μ²) − μ and x eliminated (`surrogateProblem`, the
   * objective of the trust-region method), smooth in a.
   * @defaultValue "lasso"
   */
  objective?: "lasso" | "smooth";
  /**
   * μ > 0 of the smooth objective.
   * @defaultValue lambda / 10 (1e-3 for λ = 0)
   */
  smoothing?: number;
  /**
   * The offset b subtracted from y.
   * @defaultValue 0
   */
  bias?: number;
  /**
   * Grid size: the number of points on the circle (two kernels), or of polar angles (three
   * kernels; twice as many azimuths).
   * @defaultValue 180 (two kernels), 31 (three)
   */
  resolution?: number;
  /**
   * "lasso": the gradient-mapping norm at which each lasso solve stops.
   * @defaultValue 1e-9
   */
  tolerance?: number;
  /**
   * Aborting this signal stops the computation (the promise rejects with the signal's reason).
   * @defaultValue none
   */
  signal?: AbortSignal;
}

/** A slice over the great circle through two kernels. */
export interface CircleSlice {
  readonly kind: "circle";
  /** The orthonormal basis (u₁, u₂) of the plane: u₁ = b₁/‖b₁‖, u₂ ⟂ u₁ in span(b₁, b₂). */
  readonly basis: [Float64Array, Float64Array];
  /** φ_i = 2πi/resolution; the point is cos φ·u₁ + sin φ·u₂. */
  readonly angle: Float64Array;
  /** The objective at each angle. */
  readonly value: Float64Array;
  /** The angles of the normalized kernels ±b₁, ±b₂ (where the minima should be). */
  readonly marks: Float64Array;
}

/** A slice over the 2-sphere through three kernels. */
export interface SphereSlice {
  readonly kind: "sphere";
  /**
   * The orthonormal basis (u₁, u₂, u₃): u₃ ∝ b₁ + b₂ + b₃ (the pole, equidistant from the three
   * kernels), then u₂ ∝ b₂ and u₁ ∝ b₁ made orthogonal (Gram–Schmidt), as in Lau et al.'s plots.
   */
  readonly basis: [Float64Array, Float64Array, Float64Array];
  /** Polar angles θ_i = πi/(resolution − 1) from u₃. */
  readonly polar: Float64Array;
  /** Azimuths φ_j = 2πj/(2·resolution) from u₁ toward u₂. */
  readonly azimuth: Float64Array;
  /** value[i][j] at sin θ_i cos φ_j·u₁ + sin θ_i sin φ_j·u₂ + cos θ_i·u₃. */
  readonly value: Matrix;
  /** The 3-D coordinates of the grid points (for surface plots): x = sin θ cos φ, … */
  readonly x: Matrix;
  readonly y: Matrix;
  readonly z: Matrix;
  /** The coordinates (rows of 3) of ±b₁, ±b₂, ±b₃ normalized: 6×3. */
  readonly marks: Matrix;
}

function unit(v: Float64Array): Float64Array {
  const n = Math.sqrt(dot(v, v));
  return v.map((x) => x / n);
}

function dot(u: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

/**
 * v minus its projections on the orthonormal vectors in `on`, normalized; a RangeError when less
 * than 1e-10 of v's norm is left (the kernels are linearly dependent, or v is zero).
 */
function orthonormalized(v: Float64Array, on: Float64Array[]): Float64Array {
  const w = v.slice();
  for (const u of on) {
    const c = dot(w, u);
    for (let i = 0; i < w.length; i++) w[i] -= c * u[i];
  }
  const left = Math.sqrt(dot(w, w));
  if (!(left > 1e-10 * Math.sqrt(dot(v, v)))) throw new RangeError("invalid basis: the kernels are linearly dependent (or zero)");
  return w.map((x) => x / left);
}

/**
 * Ψ with x minimized — or its smooth surrogate — over the unit sphere of kernels restricted to
 * the span of two or three kernels `basis` (typically shifts of the true kernel in the window:
 * the pictures of Lau et al. 2020, Fig. 2, and of the lecture: minima near the signed shifts,
 * negative curvature between them). With two kernels the slice is the great circle through
 * them ({@link CircleSlice}); with three, the 2-sphere on a polar × azimuth grid
 * ({@link SphereSlice}). The kernels are windows of one shape (Float64Arrays for a 1-D y,
 * matrices for 2-D) no larger than the signal: place the true kernel and its shifts in a window
 * three times its size, as `deconvolve` does, to draw the pictures.
 *
 * Cost: one lasso solve (FISTA, warm-started) or one Newton solve per grid point; the work
 * yields to the event loop between points.
 *
 * NaN policy: non-finite data or kernels are rejected (RangeError).
 * @throws TypeError / RangeError for mismatched shapes, dependent or zero kernels, bad options.
 */
export async function landscapeSlice(
  y: Float64Array | Matrix, basis: readonly (Float64Array | Matrix)[], options: LandscapeSliceOptions = {},
): Promise<CircleSlice | SphereSlice> {
  const twoD = !(y instanceof Float64Array);
  const signal = twoD ? checkMatrix("y", y) : { rows: 1, cols: (y as Float64Array).length, data: y as Float64Array };
  checkAllFinite("y", signal.data);
  if (!Array.isArray(basis) || (basis.length !== 2 && basis.length !== 3)) {
    throw new TypeError(`invalid basis: expected an array of two or three kernels, got ${describe(basis)}`);
  }
  const kernels = basis.map((b, i) => {
    const name = `basis[${i}]`;
    if (!twoD && !(b instanceof Float64Array)) throw new TypeError(`invalid ${name}: expected a Float64Array like y, got ${describe(b)}`);
    const m = twoD ? checkMatrix(name, b) : { rows: 1, cols: (b as Float64Array).length, data: b as Float64Array };
    checkAllFinite(name, m.data);
    return m;
  });
  const [wr, wc] = [kernels[0].rows, kernels[0].cols];
  kernels.forEach((k, i) => {
    if (k.rows !== wr || k.cols !== wc) {
      const want = twoD ? `a ${wr}×${wc} kernel` : `length ${wc}`;
      throw new RangeError(`invalid basis[${i}]: expected ${want} like basis[0], got ${twoD ? describe(k) : `length ${k.cols}`}`);
    }
  });
  if (wr * wc === 0) throw new RangeError("invalid basis: the kernels are empty");
  if (wr > signal.rows || wc > signal.cols) {
    throw new RangeError(`invalid basis: a ${wr}×${wc} window does not fit in the ${signal.rows}×${signal.cols} signal`);
  }
  checkOptions("options", options, ["lambda", "objective", "smoothing", "bias", "resolution", "tolerance", "signal"]);
  const lambda = checkFinite("lambda", options.lambda ?? 0.01, 0);
  const objective = checkChoice("objective", options.objective ?? "lasso", ["lasso", "smooth"] as const);
  const smoothing = checkFinite("smoothing", options.smoothing ?? (lambda > 0 ? lambda / 10 : 1e-3), 0);
  if (!(smoothing > 0)) throw new RangeError(`invalid smoothing: expected a finite number > 0, got ${smoothing}`);
  const bias = checkFinite("bias", options.bias ?? 0);
  const resolution = checkInteger("resolution", options.resolution ?? (basis.length === 2 ? 180 : 31), 3);
  const tolerance = checkFinite("tolerance", options.tolerance ?? 1e-9, 0);
  const common = resolveCommonOptions({ signal: options.signal }, { maxIterations: 100000 });

  const vectors = kernels.map((k) => k.data);
  const u: Float64Array[] = [];
  if (vectors.length === 2) {
    const u1 = orthonormalized(vectors[0], []);
    u.push(u1, orthonormalized(vectors[1], [u1]));
  } else {
    const u3 = orthonormalized(vectors[0].map((v, i) => v + vectors[1][i] + vectors[2][i]), []);
    const u2 = orthonormalized(vectors[1], [u3]);
    u.push(orthonormalized(vectors[0], [u3, u2]), u2, u3);
  }
  const shape: ConvolutionShape = { rows: signal.rows, cols: signal.cols, windowRows: wr, windowCols: wc };
  const evaluate = evaluator(shape, signal.data, bias, lambda, objective, smoothing, tolerance, common);
  let lastYield = performance.now();
  const at = async (coefficients: number[]): Promise<number> => {
    if (common.signal?.aborted) throw common.signal.reason ?? new Error("aborted");
    const a = new Float64Array(wr * wc);
    coefficients.forEach((c, j) => {
      for (let i = 0; i < a.length; i++) a[i] += c * u[j][i];
    });
    const value = await evaluate.value(unit(a));
    if (performance.now() - lastYield > 8) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
    return value;
  };
  try {
    if (u.length === 2) {
      const angle = Float64Array.from({ length: resolution }, (_, i) => (2 * Math.PI * i) / resolution);
      const value = new Float64Array(resolution);
      for (let i = 0; i < resolution; i++) value[i] = await at([Math.cos(angle[i]), Math.sin(angle[i])]);
      const marks = new Float64Array(4);
      vectors.forEach((b, k) => {
        const phi = Math.atan2(dot(b, u[1]), dot(b, u[0]));
        marks[2 * k] = (phi + 2 * Math.PI) % (2 * Math.PI);
        marks[2 * k + 1] = (phi + 3 * Math.PI) % (2 * Math.PI);
      });
      return { kind: "circle", basis: [u[0], u[1]], angle, value, marks };
    }
    const nPolar = resolution, nAzimuth = 2 * resolution;
    const polar = Float64Array.from({ length: nPolar }, (_, i) => (Math.PI * i) / (nPolar - 1));
    const azimuth = Float64Array.from({ length: nAzimuth }, (_, j) => (2 * Math.PI * j) / nAzimuth);
    const grid = (): Matrix => ({ rows: nPolar, cols: nAzimuth, data: new Float64Array(nPolar * nAzimuth) });
    const [value, gx, gy, gz] = [grid(), grid(), grid(), grid()];
    for (let i = 0; i < nPolar; i++) {
      for (let j = 0; j < nAzimuth; j++) {
        const c = [Math.sin(polar[i]) * Math.cos(azimuth[j]), Math.sin(polar[i]) * Math.sin(azimuth[j]), Math.cos(polar[i])];
        const k = i * nAzimuth + j;
        [gx.data[k], gy.data[k], gz.data[k]] = c;
        // The poles repeat one point: evaluate it once.
        value.data[k] = j > 0 && (i === 0 || i === nPolar - 1) ? value.data[i * nAzimuth] : await at(c);
      }
    }
    const marks = { rows: 6, cols: 3, data: new Float64Array(18) };
    vectors.forEach((b, k) => {
      const n = Math.sqrt(dot(b, b));
      for (let j = 0; j < 3; j++) {
        marks.data[6 * k + j] = dot(b, u[j]) / n;
        marks.data[6 * k + 3 + j] = -dot(b, u[j]) / n;
      }
    });
    return { kind: "sphere", basis: [u[0], u[1], u[2]], polar, azimuth, value, x: gx, y: gy, z: gz, marks };
  } finally {
    evaluate.dispose();
  }
}

/** The objective at kernels on the sphere, with whatever it keeps between points. */
function evaluator(
  shape: ConvolutionShape, y: Float64Array, bias: number, lambda: number, objective: "lasso" | "smooth",
  smoothing: number, tolerance: number, common: ReturnType<typeof resolveCommonOptions<Float64Array>>,
): { value(a: Float64Array): Promise<number>; dispose(): void } {
  if (objective === "smooth") {
    const problem = surrogateProblem({ shape, y, bias, lambda, smoothing });
    const release = problem.retain!();
    return { value: async (a) => problem.cost(a), dispose: release };
  }
  const scope = new ArenaScope(runtime().arena);
  try {
    const start = new Float64Array(shape.windowRows * shape.windowCols);
    start[0] = 1;
    const model = new ConvolutionalModel({ shape, signals: [y], kernels: [start], biases: [bias], estimateBias: false }, scope);
    const solver = new ActivationSolver(model, lambda, { growth: 2, maxTrials: 60 });
    return {
      value: async (a) => {
        model.setKernel(0, a);
        solver.setLambda(lambda);
        const run = new SolverRun<Float64Array>({ ...common, gradientTolerance: tolerance, maxIterations: 100000 });
        // The start's measure is not computed: 1 only lets the run begin.
        await run.begin(a, solver.objective, 1);
        const reason = await runStage(solver, run, () => a);
        if (reason === "aborted") throw common.signal?.reason ?? new Error("aborted");
        return solver.objective;
      },
      dispose: () => scope.disposeAll(),
    };
  } catch (error) {
    scope.disposeAll();
    throw error;
  }
}
