import { init, runtime, alsSolveRowsBuffer, cooToCsr, toSparseBuffers, observedFromTriples } from "benign";
await init();
const { arena } = runtime();
const S = toSparseBuffers(cooToCsr(observedFromTriples(2, 2, [[0, 0, 2], [0, 1, 4], [1, 1, 3]])));
const V = arena.f64From(new Float64Array([1, 2]));   // V = [1; 2], rank 1
const U = arena.f64(2);
alsSolveRowsBuffer(U, S, V, 0, { rank: 1 });        // uᵢ = argmin Σⱼ (u·Vⱼ − yᵢⱼ)²
console.log(U.view);                      // Float64Array [2, 1.5]: (2·1 + 4·2)/5, 3·2/4
S.dispose(); V.dispose(); U.dispose();
