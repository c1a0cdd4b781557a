import { init, runtime, sampledResidualBuffer } from "benign";
await init();
const { arena } = runtime();
const U = arena.f64From(new Float64Array([1, 2])), V = arena.f64From(new Float64Array([3, 4])); // 2×1 factors
const row = arena.i32From(new Int32Array([0, 1])), col = arena.i32From(new Int32Array([1, 0]));
const value = arena.f64From(new Float64Array([4, 5]));
sampledResidualBuffer(value, U, V, row, col, value, { rows: 2, cols: 2, rank: 1 }); // in place
console.log(value.view);                  // (UVᵀ)₀₁ − 4, (UVᵀ)₁₀ − 5 = Float64Array [0, 1]
for (const b of [U, V, row, col, value]) b.dispose();
