import { init, runtime, circularCorrelateBuffer } from "benign";
await init();
const { arena } = runtime();
const y = arena.f64From([1, 2, 3, 4]);
const a = arena.f64From([1, 1]);
const z = arena.f64(4);
circularCorrelateBuffer(z, y, a);             // z_i = y_i + y_{i+1 mod 4}
console.log(z.view);                          // [3, 5, 7, 5]
for (const b of [y, a, z]) b.dispose();
