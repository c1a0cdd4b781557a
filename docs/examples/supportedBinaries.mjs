import { supportedBinaries, init } from "benign";
console.log(supportedBinaries());         // e.g. ["simd", "scalar"] (Node 20), ["relaxed-simd", "simd", "scalar"] (Chromium)
const { binary } = await init({ binary: "scalar" }); // pin a build, e.g. to compare speeds
console.log(binary);                      // "scalar"
await init();                             // back to the best build
