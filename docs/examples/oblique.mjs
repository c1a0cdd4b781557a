import { init, oblique, Rng, column, nrm2 } from "benign";
await init();
const M = oblique(3, 2);                  // 3×2 matrices with unit columns
const X = M.random(new Rng(1));
console.log(nrm2(column(X, 0)), nrm2(column(X, 1)), M.dimension); // 1 1 4
