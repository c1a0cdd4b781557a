import { init, fft, fftPlanStats } from "benign";
await init();
fft(new Float64Array(97), new Float64Array(97));            // a prime length: Rader's plan
console.log(fftPlanStats());                                // { plans: …, bytes: … } held by the cache
