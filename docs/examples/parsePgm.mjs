import { init, parsePgm, encodePgm, fromRows, toRows } from "benign";
await init();
const bytes = encodePgm(fromRows([[0, 0.5], [1, 0.25]]));
console.log(toRows(parsePgm(bytes)));     // [[0, 0.5019…], [1, 0.2509…]] (8-bit levels /255)
