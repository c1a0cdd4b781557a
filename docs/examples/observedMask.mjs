import { observedFromTriples, observedMask } from "benign";
console.log(observedMask(observedFromTriples(2, 2, [[0, 1, 5], [1, 0, 3]]))); // Uint8Array [0, 1, 1, 0]
