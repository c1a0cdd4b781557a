import { init, runtime } from "benign";
await init();
const { features, arena, memory } = runtime();
console.log(features);                          // e.g. { binary: "simd", simd: true, relaxedSimd: false }
console.log(memory.buffer.byteLength >= arena.stats().bytesLive); // true: the arena lives in this memory
