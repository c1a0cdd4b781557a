import { toRows, identity } from "benign";
console.log(toRows(identity(2)));         // [[1, 0], [0, 1]]
