import { init, fft, fftPlanStats, setFftPlanCacheBytes } from "benign";
await init();
setFftPlanCacheBytes(256 * 1024);                           // keep at most 256 KiB of plans
for (const n of [1000, 1001, 1002, 1003]) fft(new Float64Array(n), new Float64Array(n));
const { plans, bytes, maxBytes, evictions } = fftPlanStats();
console.log(plans, bytes <= maxBytes, evictions);           // 2 true 2: the least recently used plans were freed
setFftPlanCacheBytes(64 * 2 ** 20);                         // back to the default
