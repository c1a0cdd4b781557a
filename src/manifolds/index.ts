// Re-exports of the manifolds.
export type { Manifold } from "./manifold.js";
export { euclidean } from "./euclidean.js";
export { sphere } from "./sphere.js";
export { oblique } from "./oblique.js";
export { stiefel, type StiefelOptions } from "./stiefel.js";
export { orthogonalGroup } from "./orthogonal.js";
export { product, type ProductPoint } from "./product.js";
