import { init, fromRows, extractPatches, assemblePatches, toRows } from "benign";
await init();
const image = fromRows([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
const patches = extractPatches(image, { size: 2 });
console.log(toRows(assemblePatches(patches, { rows: 3, cols: 3, size: 2 }))); // the image again
patches.data.fill(1, 0, 4);   // the top-left pixel of every patch set to 1 (row 0 of the patch matrix)
// Overlaps are averaged: the center is in 4 patches, top-left in one of them: (5 + 5 + 5 + 1)/4 = 4.
console.log(toRows(assemblePatches(patches, { rows: 3, cols: 3, size: 2 }))[1]); // [2.5, 4, 6]
