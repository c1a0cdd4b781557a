import { init, runtime, projectBallBuffer } from "benign";
await init();
const x = runtime().arena.f64From(new Float64Array([6, 8]));
console.log(projectBallBuffer(x, x), x.view);            // 10 (the norm) Float64Array [0.6, 0.8]
x.dispose();
