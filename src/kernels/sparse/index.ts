// Re-exports of this area's wrappers.
export type {
  CooMatrix, CsrMatrix, SparseMatrix, CooBuffers, CsrBuffers, SparseBuffers,
} from "./types.js";
export {
  sampledProduct, sampledResidual, sampledProductBuffer, sampledResidualBuffer, csrSampledResidualBuffer,
  type SampledDims, type CsrSampledDims,
} from "./sampled.js";
export {
  sparseTimesDense, sparseTransposeTimesDense, sparseTimesDenseBuffer, sparseTransposeTimesDenseBuffer,
  type SparseTimesDenseOptions, type SparseTimesDenseBufferOptions,
} from "./times-dense.js";
export { cooToCsr, csrTranspose, csrToCoo, toSparseBuffers, type Permuted, type OwnedSparseBuffers } from "./convert.js";
