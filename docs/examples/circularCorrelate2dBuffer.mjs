import { init, runtime, circularCorrelate2dBuffer } from "benign";
await init();
const { arena } = runtime();
const y = arena.f64From([1, 2, 3, 4, 5, 6, 7, 8, 9]);       // 3×3
const a = arena.f64From([1, 1]);                            // 1×2 kernel
const z = arena.f64(9);
circularCorrelate2dBuffer(z, y, a, [3, 3], [1, 2]);         // z_{i,j} = y_{i,j} + y_{i,j+1 mod 3}
console.log(z.view);                                        // [3, 5, 4, 9, 11, 10, 15, 17, 16]
for (const b of [y, a, z]) b.dispose();
