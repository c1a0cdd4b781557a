// Sparse coding instances: Y = A·X₀ (+ noise) with a random unit-atom dictionary and
// Bernoulli–Gaussian codes.
import type { Matrix } from "../../src/matrix.js";
import { Rng } from "../../src/data/rng.js";
import { bernoulliGaussian } from "../../src/data/bernoulli.js";
import { randomDictionary } from "../../src/sparse/random-dictionary.js";

export interface Instance {
  A: Matrix;
  X0: Matrix;
  Y: Matrix;
}

/** Y = A·X₀ + σ·noise, A n×K with unit Gaussian atoms, X₀ K×p Bernoulli(θ)–Gaussian, all from `seed`. */
export function instance(n: number, K: number, p: number, theta: number, sigma: number, seed: number): Instance {
  const A = randomDictionary(n, K, { seed });
  const X0 = bernoulliGaussian(K, p, theta, { seed: seed + 1 });
  const rng = new Rng(seed + 2);
  const Y = { rows: n, cols: p, data: new Float64Array(n * p) };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      let s = sigma * rng.normal();
      for (let k = 0; k < K; k++) s += A.data[i * K + k] * X0.data[k * p + j];
      Y.data[i * p + j] = s;
    }
  }
  return { A, X0, Y };
}
