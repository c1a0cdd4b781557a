import { uniformMask } from "benign";
const mask = uniformMask(100, 80, 0.3, 7);               // Bernoulli(0.3) per entry, seed 7
console.log(mask.reduce((s, b) => s + b, 0) / mask.length); // ≈ 0.3
const exact = uniformMask(100, 80, 0.3, 7, { sampling: "exact" });
console.log(exact.reduce((s, b) => s + b, 0));           // 2400 exactly
