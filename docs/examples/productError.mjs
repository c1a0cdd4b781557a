import { init, productError, fromRows } from "benign";
await init();
const U = fromRows([[1, 0], [0, 1]]), V = fromRows([[2, 0], [0, 3]]);
// G = diag(2, 0.5): (UG, VG⁻ᵀ) has the same product UVᵀ.
const UG = fromRows([[2, 0], [0, 0.5]]), VG = fromRows([[1, 0], [0, 6]]);
console.log(productError(UG, VG, U, V));  // { absolute: 0, reference: √13, relative: 0 }
