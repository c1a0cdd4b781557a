import { init, sphere } from "benign";
await init();
const S = sphere(3);
const x = new Float64Array([1, 0, 0]);
console.log(S.proj(x, new Float64Array([1, 2, 0])));          // the tangent part: Float64Array [0, 2, 0]
console.log(S.dist(x, new Float64Array([0, 1, 0])));          // π/2
