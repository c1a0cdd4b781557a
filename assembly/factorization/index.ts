// Re-exports of this area's kernels: fused evaluations of factorization landscapes.
export { rankOneResidual } from "./rank-one";
