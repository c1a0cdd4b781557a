import { init, runtime, dotBuffer } from "benign";
await init();
const { arena } = runtime();
const x = arena.f64From([1, 2, 3]);
const y = arena.f64From([4, 5, 6]);
console.log(dotBuffer(x, y)); // 32
x.dispose();
y.dispose();
