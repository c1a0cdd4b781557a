import { init, runtime, circularCorrelate2dBuffer } from "benign";
await init();
const { arena } = runtime();
const y = arena.f64From(new Float64Array([1, 2, 3, 4, 5, 6]));  // the 2×3 image [[1, 2, 3], [4, 5, 6]]
const a = arena.f64From(new Float64Array([0, 1]));              // the 1×2 kernel [[0, 1]]
const out = arena.f64(6);
circularCorrelate2dBuffer(out, y, a, [2, 3], [1, 2]);
console.log(out.view);                    // y shifted left by one column, circularly: [2, 3, 1, 5, 6, 4]
y.dispose(); a.dispose(); out.dispose();
