import { init, randomKernel, convolutionalData, landscapeSlice } from "benign";
await init();
const a0 = randomKernel(5, { seed: 1 });
const { signal } = convolutionalData(a0, 300, { theta: 0.1, activation: "bernoulli-rademacher", seed: 2 });
const shifted = (s) => { const w = new Float64Array(15); w.set(a0, s); return w; };  // a0 at s in the 3n window
// Ψ with x minimized on the circle through two shifts of a0 (72 points, 5° apart).
const slice = await landscapeSlice(signal, [shifted(0), shifted(5)], { resolution: 72 });
console.log(slice.kind, slice.marks);     // circle, the angles of ±b₁, ±b₂: Float64Array [0, π, π/2, 3π/2]
const best = slice.value.indexOf(Math.min(...slice.value));
console.log(slice.angle[best], slice.value[0], slice.value[9]); // 4.712… = 3π/2 (−b₂, a mark) 0.318… 1.865…: Ψ is low at a shift, high halfway between
