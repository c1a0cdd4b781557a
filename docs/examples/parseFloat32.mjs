import { init, parseFloat32 } from "benign";
await init();
// Little-endian float32 bytes, e.g. fs.readFileSync("data/ecg_360hz.f32") (MIT-BIH record 208, 360 Hz, mV).
const bytes = new Uint8Array(new Float32Array([1, -2.5, 0.1]).buffer); // (on a little-endian machine)
console.log(parseFloat32(bytes)); // Float64Array [1, -2.5, 0.10000000149011612]
