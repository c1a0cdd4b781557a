import { readFileSync } from "node:fs";
import { init, parseDigits, learnDictionary } from "benign";
await init();
// 32 atoms for the 1,797 handwritten 8×8 digits, raw pixel values 0..16, λ = 1.
const { images } = parseDigits(readFileSync("data/digits.csv", "utf8"));
const fit = await learnDictionary(images, { atoms: 32, lambda: 1, maxIterations: 50 });
console.log(fit.history.cost[0].toFixed(1), fit.objective.toFixed(1)); // 313.0 at the start (32 random digits), 144.5 after 50 iterations
console.log(fit.dictionary.rows, fit.dictionary.cols, fit.codes.cols);  // 64 32 1797
