import { init, rfft2Length } from "benign";
await init();
// The f64 count of the half spectrum of a rows×cols real image: 2·rows·(⌊cols/2⌋ + 1).
console.log(rfft2Length(4, 6), rfft2Length(4, 7)); // 32 32
