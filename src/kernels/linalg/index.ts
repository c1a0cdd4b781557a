// Re-exports of this area's wrappers.
export { qr, type QRFactors } from "./qr.js";
export { qrFactorization, type QRFactorization } from "./qr-factorization.js";
export { leastSquares } from "./qr-least-squares.js";
export { cholesky } from "./cholesky.js";
export { choleskySolve } from "./cholesky-solve.js";
export { solve } from "./solve.js";
export { rcond } from "./solve-rcond.js";
