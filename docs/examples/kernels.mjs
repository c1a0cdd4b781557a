import { init, kernels } from "benign";
await init();
// The raw WebAssembly exports of the active build (pointer-level; the wrappers are the API).
const exports = kernels();
console.log(exports.memory instanceof WebAssembly.Memory); // true
