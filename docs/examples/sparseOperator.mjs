import { init, sparseOperator, observedFromTriples, fromRows, toRows } from "benign";
await init();
const op = sparseOperator(observedFromTriples(2, 3, [[0, 2, 1], [1, 0, 2]]), { scale: 10 }); // 10·S, kept in wasm memory
console.log(toRows(op.apply(fromRows([[1], [1], [1]]))));  // [[10], [20]]
op.dispose();
