import { init, hessianSpectrum, rankOneFactorization, rankOneCriticalPoints, fromRows } from "benign";
await init();
const X = fromRows([[2, 1], [1, 2]]);
const saddle = rankOneCriticalPoints(X).find((c) => c.kind === "saddle").point; // ±v₂ (λ₂ = 1)
console.log(hessianSpectrum(rankOneFactorization(X), saddle).values);          // ≈ [−2, 2] = {λ₂ − λ₁, 2λ₂}
