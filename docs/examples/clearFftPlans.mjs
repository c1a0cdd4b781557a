import { init, fft, fftPlanStats, clearFftPlans } from "benign";
await init();
fft(new Float64Array(1000), new Float64Array(1000));        // makes and caches the plan for n = 1000
console.log(fftPlanStats().plans >= 1, clearFftPlans() >= 1, fftPlanStats().plans); // true true 0
