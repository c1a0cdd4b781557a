import { init, runtime, sampledProductBuffer } from "benign";
await init();
const { arena } = runtime();
const U = arena.f64From(new Float64Array([1, 0, 0, 1])), V = arena.f64From(new Float64Array([2, 3, 4, 5])); // 2×2 each, row-major
const row = arena.i32From(new Int32Array([0, 1])), col = arena.i32From(new Int32Array([1, 1]));
const out = arena.f64(2);
sampledProductBuffer(out, U, V, row, col, { rows: 2, cols: 2, rank: 2 });
console.log(out.view);                    // (UVᵀ)₀₁, (UVᵀ)₁₁ = Float64Array [4, 5]
for (const b of [U, V, row, col, out]) b.dispose();
