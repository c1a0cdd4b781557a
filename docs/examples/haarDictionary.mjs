import { init, haarDictionary, gemv } from "benign";
await init();
const H = haarDictionary(4);              // two levels (4 = 2²): average, coarse difference, two fine differences
console.log(gemv(H, new Float64Array([4, 2, 5, 5]), { trans: true })); // ≈ [8, -2, 1.414…, 0]
console.log(haarDictionary(4, { levels: 1 }).cols); // 4 (always n×n; one level: two averages, two differences)
