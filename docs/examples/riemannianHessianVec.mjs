import { init, rayleighQuotient, riemannianHessianVec, fromRows } from "benign";
await init();
const problem = rayleighQuotient(fromRows([[2, 0], [0, 1]]));
// At the minimizer x = e₂ the Hessian on the tangent line is 2(λ₁ − λ₂) = 2.
console.log(riemannianHessianVec(problem, new Float64Array([0, 1]), new Float64Array([1, 0]))); // Float64Array [2, 0]
