import { init, product, sphere, euclidean, Rng } from "benign";
await init();
const M = product([sphere(3), euclidean(2)]);  // points are [unit 3-vector, 2-vector]
const [q, t] = M.random(new Rng(1));
console.log(M.dimension, q.length, t.length);  // 4 3 2
