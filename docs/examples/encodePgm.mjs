import { init, encodePgm, fromRows } from "benign";
await init();
const pgm = encodePgm(fromRows([[0, 1], [1, 0]]));        // a 2×2 checkerboard
console.log(new TextDecoder().decode(pgm.subarray(0, 11)), pgm.length); // "P5\n2 2\n255\n" 15
