// The wasm kernels the deconvolution solvers call (assembly/deconvolution, assembly/fft), as the
// TypeScript layer sees them: byte addresses in, sizes in bytes.
import { kernels } from "../runtime/init.js";

export interface DeconvolutionKernels {
  fftPlanSize(n: number): number;
  fftPlanInit(plan: number, n: number): void;
  rfftPlanSize(n: number): number;
  rfftPlanInit(plan: number, n: number): void;
  rfft(out: number, inp: number, plan: number): void;
  irfft(out: number, inp: number, plan: number): void;
  rfft2WorkspaceSize(rows: number, cols: number): number;
  rfft2(out: number, x: number, rows: number, cols: number, nonzeroRows: number, planCols: number, planRows: number, work: number): void;
  irfft2(out: number, spec: number, rows: number, cols: number, outRows: number, planCols: number, planRows: number, work: number): void;
  spectralResidual(table: number, count: number, y: number, grads: number, res: number, rows: number, cols: number): number;
  spectralGram(out: number, table: number, count: number, rows: number, cols: number, scratch: number): void;
  lincomb3(out: number, a: number, x: number, b: number, y: number, c: number, z: number, n: number): void;
  spectralProduct(out: number, p: number, q: number, count: number, conjugate: number, accumulate: number): void;
  multiplyEntries(out: number, x: number, y: number, n: number): void;
  rankOneSolve(table: number, count: number, y: number, rho: number, bins: number): void;
  gramCholesky(factors: number, table: number, signals: number, count: number, sigma: number, bins: number): void;
  gramSolve(factors: number, table: number, signals: number, count: number, sigma: number, bins: number): void;
  inertialProxStep(out: number, x: number, xOld: number, g: number, beta: number, t: number, threshold: number, n: number, stats: number): void;
  admmShrink(z: number, u: number, x: number, alpha: number, threshold: number, n: number, stats: number): void;
  pseudoHuber(slope: number, curvature: number, x: number, lambda: number, mu: number, n: number): number;
  dot(n: number, x: number, incx: number, y: number, incy: number): number;
  iamax(n: number, x: number, incx: number): number;
  asum(n: number, x: number, incx: number): number;
}

/** The kernels of the active runtime. */
export function deconvolutionKernels(): DeconvolutionKernels {
  return kernels<DeconvolutionKernels>();
}
