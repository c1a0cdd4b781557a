import { init, runtime, projectSphereBuffer } from "benign";
await init();
const x = runtime().arena.f64From(new Float64Array([3, 4]));
console.log(projectSphereBuffer(x, x), x.view);          // 5 (the norm) Float64Array [0.6, 0.8]
x.dispose();
