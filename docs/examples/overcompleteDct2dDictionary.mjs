import { init, overcompleteDct2dDictionary } from "benign";
await init();
const D = overcompleteDct2dDictionary(8, 8);              // the 64×256 dictionary of K-SVD denoising for 8×8 patches
console.log(D.rows, D.cols);              // 64 256
console.log(overcompleteDct2dDictionary(4, 4, { atoms: [6, 8] }).cols); // 48 = 6·8
