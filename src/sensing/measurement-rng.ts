// The generator of one Gaussian measurement matrix Aₖ: a stream that depends only on (seed, k).
import { Rng } from "../data/rng.js";

/** The 32-bit finalizer of MurmurHash3 (a bijection on 32-bit words). */
function fmix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * A generator whose stream depends only on (seed, k), so any block of measurements can be
 * regenerated on its own, in any order, without replaying the ones before it. Its four
 * xoshiro128** state words are hashes of (seed, k); the first word is a bijection of k for a fixed
 * seed, so distinct measurements of one operator never share a state.
 */
export function measurementRng(seed: number, k: number): Rng {
  const s = fmix32((seed + 0x9e3779b9) >>> 0);
  const words = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    words[i] = fmix32((s + Math.imul(i + 1, 0x9e3779b9)) ^ fmix32((k + Math.imul(i + 1, 0x7f4a7c15)) >>> 0));
  }
  if (words.every((w) => w === 0)) words[0] = 1;
  return Rng.fromState(words);
}
