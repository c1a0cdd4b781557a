import { init, overcompleteDctDictionary, column, nrm2 } from "benign";
await init();
const D = overcompleteDctDictionary(8);   // 8×16: twice as many atoms as R⁸ needs, each of unit norm
const atom = column(D, 3);
console.log(D.rows, D.cols, nrm2(atom), atom.reduce((s, v) => s + v, 0)); // 8 16 ≈ 1 ≈ 0 (only atom 0 has a mean)
