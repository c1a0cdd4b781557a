import { identity } from "benign";
console.log(identity(3).data);            // Float64Array [1, 0, 0, 0, 1, 0, 0, 0, 1]
