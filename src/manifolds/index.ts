// Re-exports of the manifolds.
export { type Manifold, POINT_TOLERANCE } from "./manifold.js";
export { euclidean } from "./euclidean.js";
export { sphere } from "./sphere.js";
export { oblique } from "./oblique.js";
export { stiefel, type StiefelOptions } from "./stiefel.js";
export { orthogonalGroup, type OrthogonalGroupOptions } from "./orthogonal.js";
export { product, type ProductPoint } from "./product.js";
