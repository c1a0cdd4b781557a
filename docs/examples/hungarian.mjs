import { hungarian, fromRows } from "benign";
// Three workers, three jobs: the cheapest one-to-one assignment.
const cost = fromRows([[4, 1, 3], [2, 0, 5], [3, 2, 2]]);
const { rowToColumn, total } = hungarian(cost);
console.log(rowToColumn, total);          // Int32Array [1, 0, 2] 5 (1 + 2 + 2)
console.log(hungarian(cost, { maximize: true }).total); // 11 (4 + 5 + 2)
