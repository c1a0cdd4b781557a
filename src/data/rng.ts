// A seeded generator whose streams are bit-identical in every JavaScript runtime: xoshiro128**
// (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2021) on 32-bit
// integer arithmetic, seeded through splitmix32. Uniform doubles take 53 random bits; normals use
// Marsaglia's polar method with a logarithm built from exact operations (portable-log.ts) and
// Math.sqrt, which IEEE 754 requires to be correctly rounded.
import { portableLog } from "./portable-log.js";
import { checkInteger, describe, newFloat64Array } from "../validate.js";

/**
 * A seeded random generator (xoshiro128**) whose uniform and normal streams are bit-identical in
 * Node, Deno and browsers: `uniform()`, `integer(n)`, `normal()`, `uniformArray(n)`, `normalArray(n)`,
 * and `state()` / `Rng.fromState` to save and resume a stream.
 */
export class Rng {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spareNormal: number | null = null;

  /** @param seed any integer in [0, 2³²); the same seed gives the same stream everywhere. */
  constructor(seed: number) {
    if (typeof seed !== "number") throw new TypeError(`invalid seed: expected a number, got ${describe(seed)}`);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`invalid seed: expected an integer in [0, 2^32), got ${describe(seed)}`);
    }
    let z = seed >>> 0;
    const next = (): number => {
      // splitmix32 (a 32-bit variant of Steele, Lea & Flood's SplitMix)
      z = (z + 0x9e3779b9) >>> 0;
      let t = z;
      t = Math.imul(t ^ (t >>> 16), 0x85ebca6b);
      t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
      return (t ^ (t >>> 16)) >>> 0;
    };
    this.#s0 = next();
    this.#s1 = next();
    this.#s2 = next();
    this.#s3 = next();
  }

  /** The generator's four 32-bit state words, to save and later restore with `fromState`. */
  state(): Uint32Array {
    return Uint32Array.of(this.#s0, this.#s1, this.#s2, this.#s3);
  }

  /** A generator continuing from a saved `state()` (four words, not all zero). */
  static fromState(state: ArrayLike<number>): Rng {
    if (state?.length !== 4 || Array.from(state).every((w) => w === 0)) {
      throw new RangeError(`invalid state: expected four 32-bit words, not all zero, got ${describe(state)}`);
    }
    const rng = new Rng(0);
    rng.#s0 = state[0] >>> 0;
    rng.#s1 = state[1] >>> 0;
    rng.#s2 = state[2] >>> 0;
    rng.#s3 = state[3] >>> 0;
    return rng;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const s0 = this.#s0, s1 = this.#s1, s2 = this.#s2, s3 = this.#s3;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    let n2 = s2 ^ s0;
    let n3 = s3 ^ s1;
    const n1 = s1 ^ n2;
    const n0 = s0 ^ n3;
    n2 ^= t;
    n3 = rotl(n3, 11);
    this.#s0 = n0 >>> 0;
    this.#s1 = n1 >>> 0;
    this.#s2 = n2 >>> 0;
    this.#s3 = n3 >>> 0;
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Uniform integer in [0, n), without modulo bias. */
  integer(n: number): number {
    checkInteger("n", n, 1, 0x100000000);
    const limit = 0x100000000 - (0x100000000 % n);
    let r: number;
    do r = this.nextUint32();
    while (r >= limit);
    return r % n;
  }

  /** Standard normal N(0, 1). */
  normal(): number {
    const spare = this.#spareNormal;
    if (spare !== null) {
      this.#spareNormal = null;
      return spare;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const scale = Math.sqrt((-2 * portableLog(s)) / s);
    this.#spareNormal = v * scale;
    return u * scale;
  }

  /** `length` uniform values in [0, 1). */
  uniformArray(length: number): Float64Array {
    const out = newFloat64Array("length", checkInteger("length", length));
    for (let i = 0; i < out.length; i++) out[i] = this.uniform();
    return out;
  }

  /** `length` standard normal values. */
  normalArray(length: number): Float64Array {
    const out = newFloat64Array("length", checkInteger("length", length));
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
