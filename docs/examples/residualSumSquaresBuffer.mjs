import { init, runtime, residualSumSquaresBuffer, cooToCsr, toSparseBuffers, observedFromTriples } from "benign";
await init();
const { arena } = runtime();
const S = toSparseBuffers(cooToCsr(observedFromTriples(2, 2, [[0, 0, 1], [1, 1, 5]])));
const U = arena.f64From(new Float64Array([1, 2])), V = arena.f64From(new Float64Array([1, 2]));
console.log(residualSumSquaresBuffer(U, V, S, { rank: 1 })); // 1
S.dispose(); U.dispose(); V.dispose();
