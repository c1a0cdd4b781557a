import { init, rayleighQuotient, checkHessian, sphere, Rng, fromRows } from "benign";
await init();
const problem = rayleighQuotient(fromRows([[2, 1, 0], [1, 3, 1], [0, 1, 4]]));
const check = checkHessian(problem, sphere(3).random(new Rng(1)));  // sphere normalization is a second-order retraction
console.log(check.valid, check.passed, check.slope.toFixed(2));     // true true 3.00: the model error falls as t³
