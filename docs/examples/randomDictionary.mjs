import { init, randomDictionary, column, nrm2 } from "benign";
await init();
const D = randomDictionary(16, 64, { seed: 1 });    // 4× overcomplete, unit-norm Gaussian atoms
console.log(D.rows, D.cols, nrm2(column(D, 0)));    // 16 64 1
