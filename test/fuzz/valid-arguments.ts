// One valid call per public function, the data the fuzz test (public-api.test.ts) starts from: it
// replaces one argument at a time by a bad value and keeps the others as given here. Each builder
// makes fresh arguments (wasm buffers from the scope it is given, disposed after the call).
// Problems are tiny and solver runs short: a bad value that is accepted runs the whole solve.
// Functions without an argument that could be wrong are listed in NO_ARGUMENTS with the reason.
import * as b from "../../src/index.js";
import type { ArenaScope, Matrix } from "../../src/index.js";

/** Where a builder puts what it owns: wasm buffers in `scope`, other cleanups through `defer`. */
export interface Owner {
  scope: ArenaScope;
  defer(cleanup: () => void): void;
}
type Builder = (owner: Owner) => unknown[];

const M = (rows: number, cols: number, seed = 1): Matrix => b.matrix(rows, cols, new b.Rng(seed).normalArray(rows * cols));
const v = (n: number, seed = 2): Float64Array => new b.Rng(seed).normalArray(n);
const spd = (): Matrix => b.fromRows([[4, 1, 0], [1, 3, 1], [0, 1, 2]]);
const coo = () => ({ rows: 3, cols: 2, row: Int32Array.of(0, 2, 1), col: Int32Array.of(1, 0, 1), value: Float64Array.of(1, 2, 3) });
const csr = () => b.cooToCsr(coo());
const observed = () => b.observedFromMask(M(8, 6), b.uniformMask(8, 6, 0.6, 3));
const f64 = (s: ArenaScope, n: number, seed = 3) => s.f64From(v(n, seed));
const csrBuffers = (s: ArenaScope) => b.toSparseBuffers(csr(), s);
const short = { maxIterations: 3 };
const rayleigh = () => b.rayleighQuotient(spd());
const unit = () => Float64Array.of(0.6, 0.8, 0);
const sensingOperator = (defer: Owner["defer"], symmetric: boolean) => {
  const A = b.gaussianOperator([4, 4], 12, { seed: 1, symmetric });
  defer(() => A.dispose());
  return A;
};
/** A resident copy of a random rows×cols matrix, disposed after the call. */
const resident = (defer: Owner["defer"], rows: number, cols: number, seed = 1) => {
  const m = b.toResident(M(rows, cols, seed));
  defer(() => m.dispose());
  return m;
};
const smooth = () => ({ manifold: b.euclidean(3), cost: (x: Float64Array) => 0.5 * b.dot(x, x), egrad: (x: Float64Array) => x.slice() });

/** The valid call of every public function that takes arguments, grouped by module. */
export const VALID: Record<string, Builder> = {
  // data
  parsePgm: () => [b.encodePgm(b.fromRows([[0, 0.5], [1, 0.25]]))],
  encodePgm: () => [b.fromRows([[0, 0.5], [1, 0.25]])],
  randomLowRank: () => [6, 5, 2, { seed: 1 }],
  uniformMask: () => [6, 5, 0.5, 1, { sampling: "exact" }],
  powerLawSample: () => [6, 5, 10, { exponent: 1, seed: 1 }],
  bernoulliGaussian: () => [6, 5, 0.3, { seed: 1 }],
  bernoulliRademacher: () => [6, 5, 0.3, { seed: 1 }],
  randomOrthogonal: () => [4, { seed: 1 }],
  parseDigits: () => ["0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,0,1,2,3,4,5,6,7,8,9,10,11,12,3\n"],
  parseFloat32: () => [new Uint8Array(new Float32Array([1, -2.5, 0.25]).buffer)],
  // matrix helpers
  matrix: () => [2, 3, v(6)],
  fromRows: () => [[[1, 2], [3, 4]]],
  toRows: () => [M(2, 3)],
  identity: () => [3],
  copyMatrix: () => [M(2, 3)],
  rowView: () => [M(2, 3), 1],
  column: () => [M(2, 3), 1],
  transpose: () => [M(2, 3)],
  // BLAS
  gemm: () => [M(3, 4), M(4, 2), { transA: false, alpha: 2 }],
  dot: () => [v(5), v(5, 3)],
  axpy: () => [2, v(5), v(5, 3)],
  scal: () => [2, v(5)],
  nrm2: () => [v(5)],
  asum: () => [v(5)],
  iamax: () => [v(5)],
  gemv: () => [M(3, 4), v(4), { alpha: 1 }],
  ger: () => [M(3, 4), v(3), v(4, 3), { alpha: 1 }],
  syrk: () => [M(3, 4), { alpha: 1 }],
  toResident: () => [M(2, 3)], // the result is resident: the fuzz disposes results that have dispose()
  dotBuffer: ({ scope: s }) => [f64(s, 5), f64(s, 5, 4)],
  axpyBuffer: ({ scope: s }) => [s.f64(5), 2, f64(s, 5), f64(s, 5, 4)],
  scalBuffer: ({ scope: s }) => [s.f64(5), 2, f64(s, 5)],
  nrm2Buffer: ({ scope: s }) => [f64(s, 5)],
  asumBuffer: ({ scope: s }) => [f64(s, 5)],
  iamaxBuffer: ({ scope: s }) => [f64(s, 5)],
  gemvBuffer: ({ scope: s, defer }) => [s.f64(3), resident(defer, 3, 4), f64(s, 4), { alpha: 1 }],
  gerBuffer: ({ scope: s, defer }) => [resident(defer, 3, 4), f64(s, 3), f64(s, 4, 4), { alpha: 1 }],
  gemmBuffer: ({ defer }) => [resident(defer, 3, 2, 5), resident(defer, 3, 4), resident(defer, 4, 2, 3), { alpha: 2 }],
  syrkBuffer: ({ defer }) => [resident(defer, 4, 4, 5), resident(defer, 3, 4), { alpha: 1 }],
  // FFT and convolution
  fft: () => [v(8), v(8, 3), { inverse: false }],
  rfft: () => [v(8)],
  irfft: () => [b.rfft(v(8)), 8],
  circularConvolve: () => [v(8), v(3, 3), { method: "auto" }],
  circularCorrelate: () => [v(8), v(3, 3), { method: "auto" }],
  circularConvolve2d: () => [M(6, 5), M(2, 2, 3), { method: "auto" }],
  circularCorrelate2d: () => [M(6, 5), M(2, 2, 3), { method: "auto" }],
  setFftPlanCacheBytes: () => [64 * 2 ** 20],
  fftBuffer: ({ scope: s }) => [s.f64(16), f64(s, 16), { inverse: false }],
  rfftBuffer: ({ scope: s }) => [s.f64(10), f64(s, 8)],
  irfftBuffer: ({ scope: s }) => [s.f64(8), f64(s, 10)],
  rfft2Buffer: ({ scope: s }) => [s.f64(b.rfft2Length(4, 6)), f64(s, 24), [4, 6]],
  irfft2Buffer: ({ scope: s }) => [s.f64(24), f64(s, b.rfft2Length(4, 6)), [4, 6]],
  rfft2Length: () => [4, 6],
  circularConvolveBuffer: ({ scope: s }) => [s.f64(8), f64(s, 8), f64(s, 3, 4), { method: "auto" }],
  circularCorrelateBuffer: ({ scope: s }) => [s.f64(8), f64(s, 8), f64(s, 3, 4), { method: "auto" }],
  circularConvolve2dBuffer: ({ scope: s }) => [s.f64(24), f64(s, 24), f64(s, 4, 4), [4, 6], [2, 2], { method: "auto" }],
  circularCorrelate2dBuffer: ({ scope: s }) => [s.f64(24), f64(s, 24), f64(s, 4, 4), [4, 6], [2, 2], { method: "auto" }],
  // prox
  softThreshold: () => [v(5), 0.5, { out: new Float64Array(5) }],
  softThresholdBuffer: ({ scope: s }) => [s.f64(5), f64(s, 5), 0.5],
  hardThreshold: () => [v(5), 0.5, {}],
  hardThresholdBuffer: ({ scope: s }) => [s.f64(5), f64(s, 5), 0.5],
  keepLargest: () => [v(5), 2, {}],
  keepLargestBuffer: ({ scope: s }) => [s.f64(5), f64(s, 5), 2],
  clamp: () => [v(5), -0.5, 0.5, {}],
  clampBuffer: ({ scope: s }) => [s.f64(5), f64(s, 5), -0.5, 0.5],
  projectSphere: () => [v(5), {}],
  projectSphereBuffer: ({ scope: s }) => [s.f64(5), f64(s, 5)],
  projectBall: () => [v(5), {}],
  projectBallBuffer: ({ scope: s }) => [s.f64(5), f64(s, 5)],
  normalizeColumns: () => [M(3, 4), { zeroColumns: "keep" }],
  normalizeColumnsBuffer: ({ scope: s }) => [s.f64(12), f64(s, 12), 3, 4, {}],
  // factorizations
  qr: () => [M(4, 3)],
  qrFactorization: () => [M(4, 3)],
  leastSquares: () => [M(4, 3), v(4), { rcond: 1e-12 }],
  cholesky: () => [spd()],
  choleskySolve: () => [b.cholesky(spd()), v(3)],
  solve: () => [spd(), v(3)],
  rcond: () => [spd()],
  eigh: () => [spd(), {}],
  eighValues: () => [spd(), {}],
  svd: () => [M(4, 3)],
  svdValues: () => [M(4, 3)],
  polar: () => [M(3, 3), { withH: true }],
  // sparse
  sampledProduct: () => [M(3, 2), M(2, 2), Int32Array.of(0, 2), Int32Array.of(1, 0)],
  sampledResidual: () => [M(3, 2), M(2, 2), coo()],
  sampledProductBuffer: ({ scope: s }) => [s.f64(2), f64(s, 6), f64(s, 4), s.i32From(Int32Array.of(0, 2)), s.i32From(Int32Array.of(1, 0)), { rows: 3, cols: 2, rank: 2 }],
  sampledResidualBuffer: ({ scope: s }) => [s.f64(2), f64(s, 6), f64(s, 4), s.i32From(Int32Array.of(0, 2)), s.i32From(Int32Array.of(1, 0)), f64(s, 2), { rows: 3, cols: 2, rank: 2 }],
  csrSampledResidualBuffer: ({ scope: s }) => [s.f64(3), f64(s, 6), f64(s, 4), csrBuffers(s), { rank: 2 }],
  sparseTimesDense: () => [coo(), M(2, 2), { alpha: 1 }],
  sparseTransposeTimesDense: () => [coo(), M(3, 2), { alpha: 1 }],
  sparseTimesDenseBuffer: ({ scope: s }) => [s.f64(6), csrBuffers(s), f64(s, 4), { rank: 2 }],
  sparseTransposeTimesDenseBuffer: ({ scope: s }) => [s.f64(4), csrBuffers(s), f64(s, 6), { rank: 2 }],
  cooToCsr: () => [coo()],
  csrTranspose: () => [csr()],
  csrToCoo: () => [csr()],
  toSparseBuffers: ({ scope: s }) => [coo(), s],
  // manifolds and problems
  euclidean: () => [3],
  sphere: () => [3],
  oblique: () => [3, 2],
  stiefel: () => [4, 2, {}],
  orthogonalGroup: () => [3, {}],
  product: () => [[b.sphere(3), b.euclidean(2)]],
  riemannianGradient: () => [rayleigh(), unit()],
  riemannianHessianVec: () => [rayleigh(), unit(), Float64Array.of(0.8, -0.6, 0)],
  retainProblem: () => [rayleigh()],
  rayleighQuotient: () => [spd()],
  brockett: () => [spd(), 2, {}],
  rankOneFactorization: () => [spd()],
  symmetricFactorization: () => [spd(), 2],
  procrustes: () => [M(4, 3), M(4, 3, 5), {}],
  procrustesSolution: () => [M(4, 3), M(4, 3, 5), {}],
  rankOneCriticalPoints: () => [spd(), {}],
  symmetricFactorizationCriticalPoints: () => [spd(), 2, {}],
  // landscape
  checkGradient: () => [rayleigh(), unit(), { seed: 1 }],
  checkHessian: () => [rayleigh(), unit(), { seed: 1 }],
  lanczos: () => [b.euclidean(3), new Float64Array(3), (u: Float64Array) => b.gemv(spd(), u), { steps: 3 }],
  tangentBasis: () => [b.sphere(3), unit()],
  hessianSpectrum: () => [rayleigh(), unit(), {}],
  classifyCriticalPoint: () => [rayleigh(), Float64Array.of(0, 0, 1), {}],
  kindFromCurvature: () => [-1, 2, 1e-8],
  // solvers
  gradientDescent: () => [rayleigh(), unit(), short],
  trustRegions: () => [rayleigh(), unit(), short],
  curvilinearSearch: () => [rayleigh(), unit(), short],
  perturbedGradientDescent: () => [rayleigh(), unit(), { ...short, seed: 1 }],
  proximalGradient: () => [{ smooth: smooth(), regularizer: b.l1(0.1) }, v(3), short],
  l1: () => [0.1],
  nonnegativeL1: () => [0.1],
  box: () => [-1, 1],
  alternatingMinimization: () => [
    { blocks: [{ name: "x", update: ({ y }: { y: number }) => 1 - y / 2 }, { name: "y", update: ({ x }: { x: number }) => 2 - x / 2 }], cost: ({ x, y }: { x: number; y: number }) => x * x + y * y },
    { x: 0, y: 0 }, short,
  ],
  // completion
  checkObserved: () => ["value", observed()],
  observedFromMask: () => [M(3, 2), Uint8Array.of(1, 0, 1, 1, 0, 1)],
  observedFromTriples: () => [3, 2, [[0, 1, 5], [2, 0, 3]], { duplicates: "reject" }],
  observedFromFactors: () => [M(3, 2), M(2, 2), { row: Int32Array.of(0, 2), col: Int32Array.of(1, 0) }, { noise: 0.1, seed: 1 }],
  observedCounts: () => [observed()],
  observedByRow: () => [observed()],
  observedByColumn: () => [observed()],
  observedDense: () => [observed(), {}],
  observedMask: () => [observed()],
  parseRatings: () => ["userId,movieId,rating,timestamp\n1,2,3.5,0\n2,1,4,0\n", {}],
  splitObserved: () => [observed(), { testFraction: 0.2, seed: 1 }],
  truncatedSvd: () => [b.matrixOperator(M(5, 4)), 2, { seed: 1 }],
  resolveTruncatedSvdOptions: () => [{ seed: 1 }],
  matrixOperator: () => [M(3, 2)],
  sparseOperator: () => [coo(), { scale: 2 }],
  sparsePlusLowRank: () => [b.matrixOperator(M(3, 2)), M(3, 1), M(2, 1, 4)],
  spectralInit: () => [observed(), 2, { seed: 1 }],
  fitBaseline: () => [observed(), true, "both", 1],
  matrixCompletion: () => [observed(), { rank: 2 }],
  completeMatrix: () => [observed(), { rank: 2, maxIterations: 3 }],
  // symmetry
  productError: () => [M(4, 2), M(3, 2), M(4, 2, 3), M(3, 2, 4)],
  relativeError: () => [M(4, 2), M(3, 2), M(4, 2, 3), M(3, 2, 4)],
  principalAngles: () => [M(4, 2), M(4, 2, 3)],
  subspaceDistance: () => [M(4, 2), M(4, 2, 3), {}],
  procrustesAlign: () => [M(4, 2), M(4, 2, 3)],
  alignFactors: () => [M(4, 2), M(3, 2), M(4, 2, 3), M(3, 2, 4)],
  rmse: () => [v(4), v(4, 3)],
  testRmse: () => [M(8, 2), M(6, 2), observed()],
  shiftCorrelation: () => [v(6), v(6, 3)],
  matchKernels: () => [[v(5), v(5, 3)], [v(3, 4), v(3, 5)]],
  alignToShift: () => [v(6), v(6, 3), {}],
  hungarian: () => [M(3, 3), {}],
  signedPermutationError: () => [M(3, 3), M(3, 3, 4)],
  alignSignedPermutation: () => [M(3, 3), M(3, 3, 4), {}],
  l4Error: () => [M(3, 3), M(3, 3, 4)],
  // completion kernels
  alsSolveRows: () => [csr(), M(2, 2), 0.1, {}],
  alsSolveRowsBuffer: ({ scope: s }) => [s.f64(6), csrBuffers(s), f64(s, 4), 0.1, { rank: 2 }],
  residualSumSquares: () => [csr(), M(3, 2), M(2, 2)],
  residualSumSquaresBuffer: ({ scope: s }) => [f64(s, 6), f64(s, 4), csrBuffers(s), { rank: 2 }],
  alsObjective: () => [csr(), M(3, 2), M(2, 2), 0.1],
  alsObjectiveBuffer: ({ scope: s }) => [f64(s, 6), f64(s, 4), csrBuffers(s), 0.1, { rank: 2 }],
  // sensing
  gaussianOperator: () => [[4, 3], 10, { seed: 1 }],
  symmetricSensingProblem: ({ defer }) => [sensingOperator(defer, true), v(12), { rank: 1 }],
  sensingProblem: ({ defer }) => [sensingOperator(defer, false), v(12), { rank: 1 }],
  senseLowRank: ({ defer }) => [v(12), { operator: sensingOperator(defer, true), rank: 1, maxIterations: 3 }],
  // sparse models
  randomDictionary: () => [4, 6, { seed: 1 }],
  sparseCode: () => [M(4, 3), b.randomDictionary(4, 6, { seed: 1 }), { lambda: 0.1, maxIterations: 5 }],
  dctDictionary: () => [4],
  dct2dDictionary: () => [2, 3],
  haarDictionary: () => [4, {}],
  fourierDictionary: () => [4],
  overcompleteDctDictionary: () => [4, {}],
  overcompleteDct2dDictionary: () => [2, 2, {}],
  learnOrthogonalDictionary: () => [M(4, 20), { maxIterations: 3, seed: 1 }],
  learnDictionary: () => [M(4, 12), { atoms: 3, lambda: 0.1, maxIterations: 2, seed: 1 }],
  extractPatches: () => [M(5, 6), { size: 2, stride: 1 }],
  assemblePatches: () => [b.extractPatches(M(5, 6), { size: 2 }), { rows: 5, cols: 6, size: 2 }],
  psnr: () => [M(4, 4), M(4, 4, 3)],
  denoiseImage: () => [M(12, 12), { sigma: 0.1, patchSize: 4, dictionary: "dct" }],
  // deconvolution
  deconvolve: () => [v(32), { kernelLength: 4, maxIterations: 3, seed: 1 }],
  learnConvolutionalDictionary: () => [[v(40), v(40, 3)], { kernels: 2, kernelLength: 4, lambda: 0.1, maxIterations: 3, seed: 1 }],
  estimateBlurKernel: () => [b.blurImage(M(12, 12), b.motionBlurKernel(3, { seed: 1 })), { kernelShape: [3, 3], maxIterations: 3, seed: 1 }],
  deblurImage: () => [M(10, 10), b.motionBlurKernel(3, { seed: 1 }), { maxIterations: 3 }],
  motionBlurKernel: () => [5, { seed: 1 }],
  blurImage: () => [M(8, 8), b.motionBlurKernel(3, { seed: 1 }), { noise: 0.01, seed: 2 }],
  randomKernel: () => [5, { seed: 1 }],
  convolutionalData: () => [v(4), 32, { theta: 0.2, seed: 1 }],
  landscapeSlice: () => [v(16), [v(4, 5), v(4, 6)], { resolution: 5 }],
};

/** Public functions the fuzz test does not call, with the reason. */
export const NO_ARGUMENTS: Record<string, string> = {
  runtime: "no arguments",
  kernels: "no arguments (the raw wasm exports, documented as unchecked)",
  supportedBinaries: "no arguments",
  clearFftPlans: "no arguments",
  fftPlanStats: "no arguments",
  nonnegative: "no arguments",
  noRegularizer: "no arguments",
  yieldToEventLoop: "no arguments",
  init: "replaces the runtime every other call uses (its options are checked in test/runtime/init.test.ts)",
  phaseTransition: "starts worker threads per call (its options are checked in test/phase-transition)",
};

