import { init, orthogonalGroup, Rng } from "benign";
await init();
const O = orthogonalGroup(3);
const rng = new Rng(2);
const X = O.random(rng), u = O.randomTangent(X, rng);
const Y = O.retract(X, u, 0.3);           // still orthogonal
console.log(O.dimension, Math.abs(O.dist(X, Y) - 0.3) < 0.05); // 3 true: a short step moves about t
