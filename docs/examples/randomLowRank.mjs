import { init, randomLowRank, svdValues } from "benign";
await init();
const { U, V, singularValues, matrix } = randomLowRank(50, 40, 3, { seed: 1, condition: 10, dense: true });
console.log(singularValues);              // Float64Array [1, 0.316…, 0.1]: from 1 down to 1/κ
console.log(svdValues(matrix).slice(0, 4)); // the same three, then ≈ 0
console.log(U.rows, V.rows, U.cols);      // 50 40 3
