// A seeded generator whose streams are bit-identical in every JavaScript runtime: xoshiro128**
// (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2021) on 32-bit
// integer arithmetic, seeded through splitmix32. Uniform doubles take 53 random bits; normals use
// Marsaglia's polar method with a logarithm built from exact operations (portable-log.ts) and
// Math.sqrt, which IEEE 754 requires to be correctly rounded.
//
// Speed: the four state words live in an Int32Array, so the engine keeps them as raw 32-bit
// integers (object fields holding values beyond the small-integer range are boxed as heap
// numbers: an allocation per word per draw), and the bulk fills write straight into the caller's
// array.
import { portableLog } from "./portable-log.js";
import { checkInteger, checkVector, describe, newFloat64Array } from "../validate.js";

/**
 * A seeded random generator (xoshiro128**) whose uniform and normal streams are bit-identical in
 * Node, Deno and browsers: `uniform()`, `integer(n)`, `normal()`, `uniformArray(n)`, `normalArray(n)`,
 * the fills `fillUniform(out)` and `fillNormal(out)`, and `state()` / `Rng.fromState` to save and
 * resume a stream.
 */
export class Rng {
  readonly #s = new Int32Array(4);
  /** The last polar pair; its second value is handed out by the next normal draw when `#hasSpare`. */
  readonly #pair = new Float64Array(2);
  #hasSpare = false;

  /** @param seed any integer in [0, 2³²); the same seed gives the same stream everywhere. */
  constructor(seed: number) {
    if (typeof seed !== "number") throw new TypeError(`invalid seed: expected a number, got ${describe(seed)}`);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`invalid seed: expected an integer in [0, 2^32), got ${describe(seed)}`);
    }
    let z = seed | 0;
    for (let i = 0; i < 4; i++) {
      // splitmix32 (a 32-bit variant of Steele, Lea & Flood's SplitMix)
      z = (z + 0x9e3779b9) | 0;
      let t = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
      this.#s[i] = t ^ (t >>> 16);
    }
  }

  /** The generator's four 32-bit state words, to save and later restore with `fromState`. */
  state(): Uint32Array {
    return new Uint32Array(this.#s);
  }

  /** A generator continuing from a saved `state()`: four integers in [0, 2³²), not all zero. */
  static fromState(state: ArrayLike<number>): Rng {
    const words: unknown[] = state !== null && typeof state === "object" ? Array.from(state) : [];
    if (
      words.length !== 4 ||
      words.some((w) => typeof w !== "number" || !Number.isInteger(w) || w < 0 || w > 0xffffffff) ||
      words.every((w) => w === 0)
    ) {
      throw new RangeError(`invalid state: expected four integers in [0, 2^32), not all zero, got ${describe(state)}`);
    }
    const rng = new Rng(0);
    for (let i = 0; i < 4; i++) rng.#s[i] = words[i] as number;
    return rng;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    return next(this.#s) >>> 0;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    return uniform53(this.#s);
  }

  /** Uniform integer in [0, n), without modulo bias. */
  integer(n: number): number {
    if (!(n >= 1 && n <= 0x100000000 && Math.floor(n) === n)) checkInteger("n", n, 1, 0x100000000);
    const limit = 0x100000000 - (0x100000000 % n);
    const s = this.#s;
    let r: number;
    do r = next(s) >>> 0;
    while (r >= limit);
    return r % n;
  }

  /** Standard normal N(0, 1). */
  normal(): number {
    const pair = this.#pair;
    if (this.#hasSpare) {
      this.#hasSpare = false;
      return pair[1];
    }
    polarPair(this.#s, pair, 0);
    this.#hasSpare = true;
    return pair[0];
  }

  /** `length` uniform values in [0, 1): the next `length` values of `uniform()`. */
  uniformArray(length: number): Float64Array {
    return this.fillUniform(newFloat64Array("length", checkInteger("length", length)));
  }

  /** `length` standard normal values: the next `length` values of `normal()`. */
  normalArray(length: number): Float64Array {
    return this.fillNormal(newFloat64Array("length", checkInteger("length", length)));
  }

  /** Fills `out` with the next `out.length` values of `uniform()` and returns it. */
  fillUniform(out: Float64Array): Float64Array {
    checkVector("out", out);
    const s = this.#s;
    for (let i = 0; i < out.length; i++) out[i] = uniform53(s);
    return out;
  }

  /** Fills `out` with the next `out.length` values of `normal()` and returns it. */
  fillNormal(out: Float64Array): Float64Array {
    checkVector("out", out);
    const n = out.length;
    let i = 0;
    if (n > 0 && this.#hasSpare) out[i++] = this.normal();
    const s = this.#s;
    for (; i + 1 < n; i += 2) polarPair(s, out, i);
    if (i < n) out[i] = this.normal();
    return out;
  }
}

/** Advances the xoshiro128** state `s` and returns its output as a signed 32-bit integer. */
function next(s: Int32Array): number {
  const s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
  const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
  const t = s1 << 9;
  const n2 = s2 ^ s0;
  const n3 = s3 ^ s1;
  s[0] = s0 ^ n3;
  s[1] = s1 ^ n2;
  s[2] = n2 ^ t;
  s[3] = rotl(n3, 11);
  return result;
}

/** Uniform in [0, 1) from the top 27 bits of one draw and the top 26 of the next. */
function uniform53(s: Int32Array): number {
  const high = next(s) >>> 5;
  const low = next(s) >>> 6;
  return (high * 67108864 + low) / 9007199254740992;
}

/** Marsaglia's polar method: two independent standard normals into out[i], out[i + 1]. */
function polarPair(s: Int32Array, out: Float64Array, i: number): void {
  let u: number, v: number, r2: number;
  do {
    u = 2 * uniform53(s) - 1;
    v = 2 * uniform53(s) - 1;
    r2 = u * u + v * v;
  } while (r2 >= 1 || r2 === 0);
  const scale = Math.sqrt((-2 * portableLog(r2)) / r2);
  out[i] = u * scale;
  out[i + 1] = v * scale;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
