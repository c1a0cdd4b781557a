import { init, rayleighQuotient, riemannianGradient, fromRows } from "benign";
await init();
const problem = rayleighQuotient(fromRows([[2, 0], [0, 1]]));   // xᵀAx on the unit circle
console.log(riemannianGradient(problem, new Float64Array([Math.SQRT1_2, Math.SQRT1_2]))); // [0.707…, −0.707…]: tangent
console.log(riemannianGradient(problem, new Float64Array([0, 1]))); // [0, 0]: an eigenvector is critical
