import { init, matrixOperator, fromRows, toRows } from "benign";
await init();
const op = matrixOperator(fromRows([[1, 2], [3, 4]]));
console.log(op.rows, op.cols, toRows(op.apply(fromRows([[1], [1]]))), toRows(op.applyTranspose(fromRows([[1], [0]])))); // 2 2 [[3], [7]] [[1], [2]]
