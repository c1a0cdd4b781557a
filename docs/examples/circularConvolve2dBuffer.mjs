import { init, runtime, circularConvolve2dBuffer } from "benign";
await init();
const { arena } = runtime();
const x = arena.f64From([1, 2, 3, 4, 5, 6, 7, 8, 9]);       // 3×3
const a = arena.f64From([1, 1]);                            // 1×2 kernel
const y = arena.f64(9);
circularConvolve2dBuffer(y, x, a, [3, 3], [1, 2]);          // y_{i,j} = x_{i,j} + x_{i,j−1 mod 3}
console.log(y.view);                                        // [4, 3, 5, 10, 9, 11, 16, 15, 17]
for (const b of [x, a, y]) b.dispose();
