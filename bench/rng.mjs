// The seeded generator's cost per value: Rng's scalar calls and bulk fills against Math.random
// (not reproducible across engines; the speed a user compares with) and a plain-JS xoshiro128**
// loop holding its state in local variables (the floor for these 32-bit operations in JS).
// CPU time, one value per entry of a 10⁶ array, alternating rounds, medians over all rounds.
// Run after a build: node bench/rng.mjs
import { Rng } from "../dist/benign.js";
import { cpuSeconds, median, warm } from "./lib/cpu.mjs";
import { printTable } from "./lib/table.mjs";

const N = 1_000_000;
const ROUNDS = 9;
const out = new Float64Array(N);
const rng = new Rng(1);

// xoshiro128** with its state in locals, 53-bit uniforms as Rng makes them.
function localUniforms(target) {
  let s0 = 1, s1 = 2, s2 = 3, s3 = 4;
  for (let i = 0; i < target.length; i++) {
    let word = 0;
    for (let k = 0; k < 2; k++) {
      const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
      word = k === 0 ? (r >>> 5) * 67108864 : word + (r >>> 6);
    }
    target[i] = word / 9007199254740992;
  }
}
const rotl = (x, k) => (x << k) | (x >>> (32 - k));

const cases = {
  "rng.nextUint32()": () => { for (let i = 0; i < N; i++) out[i] = rng.nextUint32(); },
  "rng.uniform()": () => { for (let i = 0; i < N; i++) out[i] = rng.uniform(); },
  "rng.integer(1000)": () => { for (let i = 0; i < N; i++) out[i] = rng.integer(1000); },
  "rng.normal()": () => { for (let i = 0; i < N; i++) out[i] = rng.normal(); },
  "rng.fillUniform(out)": () => rng.fillUniform(out),
  "rng.fillNormal(out)": () => rng.fillNormal(out),
  "Math.random()": () => { for (let i = 0; i < N; i++) out[i] = Math.random(); },
  "plain-JS xoshiro128** uniforms, state in locals": () => localUniforms(out),
};
for (const run of Object.values(cases)) await warm(run);
const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(cases)) times[name].push(cpuSeconds(run));
}
const reference = median(times["Math.random()"]);
printTable(
  `Seeded generator (xoshiro128**): CPU ns per value, median of ${ROUNDS} alternating rounds of ${N} values`,
  Object.entries(times).map(([name, t]) => ({
    call: name,
    "ns/value": (median(t) / N) * 1e9,
    "÷ Math.random": median(t) / reference,
  })),
);
