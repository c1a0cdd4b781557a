import { init, l4Error, randomOrthogonal, fromRows, gemm } from "benign";
await init();
const A0 = randomOrthogonal(4, { seed: 1 });
const P = fromRows([[0, -1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, -1, 0]]);  // a signed permutation
console.log(l4Error(gemm(A0, P), A0));    // 0 (up to rounding): equal modulo signed permutations
console.log(l4Error(randomOrthogonal(4, { seed: 2 }), A0)); // 0.5267…, in (0, 1): another basis
