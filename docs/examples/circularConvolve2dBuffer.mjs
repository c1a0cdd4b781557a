import { init, runtime, circularConvolve2dBuffer } from "benign";
await init();
const { arena } = runtime();
const x = arena.f64From(new Float64Array([1, 0, 0, 0, 0, 0, 0, 0, 0]));  // 3×3, an impulse at the origin
const a = arena.f64From(new Float64Array([1, 2, 3, 4]));                 // the 2×2 kernel [[1, 2], [3, 4]]
const out = arena.f64(9);
circularConvolve2dBuffer(out, x, a, [3, 3], [2, 2]);
console.log(out.view);                    // the kernel at the origin, zero-padded: [1, 2, 0, 3, 4, 0, 0, 0, 0]
x.dispose(); a.dispose(); out.dispose();
