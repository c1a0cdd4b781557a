import { init, projectBall } from "benign";
await init();
console.log(projectBall(new Float64Array([0.3, 0.4])), projectBall(new Float64Array([3, 4]))); // [0.3, 0.4] [0.6, 0.8]
