import { init, truncatedSvd, matrixOperator, randomLowRank } from "benign";
await init();
const { matrix } = randomLowRank(300, 200, 5, { seed: 1, singularValues: [50, 40, 30, 20, 10], dense: true });
const { S, converged } = truncatedSvd(matrixOperator(matrix), 3, { seed: 2 });
console.log(S, converged);               // ≈ Float64Array [50, 40, 30] true
