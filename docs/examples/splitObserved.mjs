import { init, splitObserved, observedFromMask, uniformMask, randomLowRank } from "benign";
await init();
const truth = randomLowRank(100, 80, 3, { seed: 1, dense: true });
const observed = observedFromMask(truth.matrix, uniformMask(100, 80, 0.3, 2));
const { train, test } = splitObserved(observed, { testFraction: 0.2, seed: 3 });
console.log(train.value.length + test.value.length === observed.value.length, test.value.length / observed.value.length); // true ≈ 0.2
