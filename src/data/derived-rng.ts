// derivedRng(seed, purpose): a generator for a library tool's own randomness (a check direction, a
// Lanczos start) that does not replay the stream a user's `new Rng(seed)` gives.
import { Rng } from "./rng.js";

/** murmur3's 32-bit finalizer (Appleby): a bijective avalanche mix of a 32-bit word. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a hash of a string's UTF-16 code units. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A generator determined by (`seed`, `purpose`) whose stream is unrelated to `new Rng(s)` for every
 * s: its state is not produced by `Rng`'s splitmix32 seeding but by murmur3 mixes of the seed
 * salted with a hash of `purpose`. A tool that draws with it at a point the user drew from
 * `new Rng(seed)` does not repeat the user's draws (a checker's direction equal to the Gaussian
 * draw that made x projects to the zero tangent vector).
 */
export function derivedRng(seed: number, purpose: string): Rng {
  const salt = fnv1a(purpose);
  const state = new Uint32Array(4);
  for (let k = 0; k < 4; k++) state[k] = fmix32((seed ^ salt) + Math.imul(k + 1, 0x632be5ab));
  if (state.every((w) => w === 0)) state[0] = 1;
  return Rng.fromState(state);
}
