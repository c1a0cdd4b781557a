// Re-exports of this area's wrappers.
export { qr, type QrResult } from "./qr.js";
export { qrFactorization, type QrFactorization } from "./qr-factorization.js";
export { leastSquares, type LeastSquaresOptions, type LeastSquaresResult } from "./qr-least-squares.js";
export { cholesky } from "./cholesky.js";
export { choleskySolve } from "./cholesky-solve.js";
export { solve } from "./solve.js";
export { rcond } from "./solve-rcond.js";
export { eigh, type EighOptions, type EighResult } from "./eigh.js";
export { eighValues } from "./eigh-values.js";
export { svd, type SvdResult } from "./svd.js";
export { svdValues } from "./svd-values.js";
export { polar, type PolarOptions, type PolarResult } from "./polar.js";
