// The `seed` option of the generators: an integer seed or a generator to draw from.
import { Rng } from "./rng.js";
import { describe } from "../validate.js";

/** An integer seed in [0, 2³²) (a fresh `Rng(seed)`), or an `Rng` whose stream is continued. */
export type Seed = number | Rng;

/** The generator for a `seed` option (an Rng is used as is and advances). */
export function rngFrom(name: string, seed: unknown): Rng {
  if (seed instanceof Rng) return seed;
  if (typeof seed !== "number") {
    throw new TypeError(`invalid ${name}: expected an integer in [0, 2^32) or an Rng, got ${describe(seed)}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`invalid ${name}: expected an integer in [0, 2^32) or an Rng, got ${describe(seed)}`);
  }
  return new Rng(seed);
}
