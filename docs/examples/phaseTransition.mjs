import { init, phaseTransition } from "benign";
await init();
// Exact completion of a random 40×40 rank-2 matrix, below and above its 2·(40 + 40 − 2) = 156
// degrees of freedom (1600 entries in all), in the calling thread.
const result = await phaseTransition({
  problem: "completion",
  grid: { rows: [40], cols: [40], rank: [2], sampling: [0.05, 0.6] },
  trials: 3,
  workers: 1,
});
for (const { sampling, rate } of result.rates) console.log(sampling, rate); // 0.05 0, then 0.6 1
