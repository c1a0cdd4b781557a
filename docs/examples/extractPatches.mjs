import { init, fromRows, extractPatches, toRows } from "benign";
await init();
const image = fromRows([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
// Every 2×2 patch, one per column: the top-left one is [1, 2, 4, 5].
console.log(toRows(extractPatches(image, { size: 2 })));
// [[1, 2, 4, 5], [2, 3, 5, 6], [4, 5, 7, 8], [5, 6, 8, 9]]
