import { bernoulliRademacher } from "benign";
const X = bernoulliRademacher(1, 12, 0.5, { seed: 2 });
console.log(Array.from(X.data));          // entries in {−1, 0, 1}, about half nonzero
