import { init, nrm2 } from "benign";
await init();
console.log(nrm2(new Float64Array([3, 4])));           // 5
console.log(nrm2(new Float64Array([3e300, 4e300])));   // 5e300: no overflow
