import { init, runtime, hardThresholdBuffer } from "benign";
await init();
const { arena } = runtime();
const x = arena.f64From(new Float64Array([-2, 0.5, 3]));
const out = arena.f64(3);
hardThresholdBuffer(out, x, 1);
console.log(out.view);                    // Float64Array [-2, 0, 3]
x.dispose(); out.dispose();
