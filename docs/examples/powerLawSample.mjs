import { init, powerLawSample, observedFromFactors, observedCounts, randomLowRank } from "benign";
await init();
const { row, col } = powerLawSample(1000, 500, 20000, { exponent: 1, seed: 3 }); // heavy users, popular items
const { U, V } = randomLowRank(1000, 500, 5, { seed: 3 });
const counts = observedCounts(observedFromFactors(U, V, { row, col }));
console.log(counts.rowCounts[0], counts.rowCounts[999]); // many entries in row 0, few in the last
