import { init, tangentBasis, sphere, dot } from "benign";
await init();
const x = new Float64Array([0, 0, 1]);
const { vectors } = tangentBasis(sphere(3), x);                     // an orthonormal basis of T_x = { u : u₃ = 0 }
console.log(vectors.length, dot(vectors[0], vectors[1]), vectors.map((v) => v[2])); // 2 0 [0, 0]
