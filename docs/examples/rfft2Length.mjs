import { init, rfft2Length } from "benign";
await init();
console.log(rfft2Length(4, 6)); // 32 = 2·4·(⌊6/2⌋ + 1): 4 rows of 4 complex bins
