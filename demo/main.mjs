// `npm start`: a report of what this machine runs, on the built bundle.
import * as benign from "../dist/benign.js";

const features = await benign.init();
console.log(`benign kernels: ${features.binary} build (simd: ${features.simd}, relaxed simd: ${features.relaxedSimd})`);
const rng = new benign.Rng(1);
const x = rng.normalArray(1_000_000);
console.log(`‖x‖² for 10⁶ normal samples: ${benign.dot(x, x).toFixed(1)} (expected ≈ 1,000,000)`);
