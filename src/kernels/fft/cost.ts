// Which path a circular convolution takes: a cost model in nanoseconds, with constants
// measured by `node --experimental-wasm-relaxed-simd bench/fft.mjs --crossover` (2-core x86,
// Node 20, medians over runs on a loaded machine):
//
//   1-D direct  ≈ n·(2.5 + 0.33·na)            (signal extension + one f64x2 FMA per 2 taps)
//   1-D FFT     ≈ 1.8·n·log2(n)                 (two real FFTs, a product, one inverse)
//   2-D direct  ≈ 0.5·R·C·ar·ac
//   2-D FFT     ≈ 6·R·C·log2(R·C)               (three complex 2-D FFTs with transposes)
// A transform length with a prime factor p above 13 goes through Rader's algorithm when p − 1 is
// 13-smooth (two FFTs of length p − 1: ≈ 3× per n·log2 n; 3 is used) and otherwise, as a rule,
// through Bluestein or a zero-padded Rader convolution, measured 10–25× slower per n·log2 n in
// the 1-D path (odd n also loses the half-length trick); 12 is used. (The plan's own cost model,
// assembly/fft/plan.ts, decides the actual path; this is the coarse version the wrappers need.)
//
// Measured crossovers (kernel length where the FFT path starts to win): 1-D ≈ 64 taps for
// n = 256 … 65536 (the model gives 36, 58, 80); 1-D n = 10007 (prime) ≈ 512–1024 (model ≈ 860);
// 2-D ≈ 11×11 … 23×23 for 64² … 512² (the model gives 12×12 … 15×15).

const DIRECT_1D_BASE = 2.5;
const DIRECT_1D_TAP = 0.33;
const FFT_1D = 1.8;
const DIRECT_2D_TAP = 0.5;
const FFT_2D = 6;
const RADER = 3;
const BLUESTEIN = 12;

/** The part of n left after removing its prime factors ≤ 13. */
function roughPart(n: number): number {
  for (const p of [2, 3, 5, 7, 11, 13]) while (n % p === 0) n /= p;
  return n;
}

/** Cost per n·log2 n of a transform of length n relative to a 13-smooth length. */
function penalty(n: number): number {
  let rest = roughPart(n);
  if (rest === 1) return 1;
  let worst = RADER;
  for (let p = 17; rest > 1; p += 2) {
    if (p * p > rest) p = rest; // what is left is prime
    if (rest % p !== 0) continue;
    if (roughPart(p - 1) !== 1) worst = BLUESTEIN;
    while (rest % p === 0) rest /= p;
  }
  return worst;
}

/** True when the direct path is predicted faster for a 1-D signal of length n, kernel length na. */
export function preferDirect1d(n: number, na: number): boolean {
  const fftLength = n % 2 === 0 ? n / 2 : n;
  const fft = FFT_1D * n * Math.log2(Math.max(2, n)) * penalty(fftLength);
  return n * (DIRECT_1D_BASE + DIRECT_1D_TAP * na) <= fft;
}

/** True when the direct path is predicted faster for a rows×cols signal, arows×acols kernel. */
export function preferDirect2d(rows: number, cols: number, arows: number, acols: number): boolean {
  const total = rows * cols;
  // Row and column transforms each carry half the FFT work.
  const slowdown = (penalty(rows) + penalty(cols)) / 2;
  const fft = FFT_2D * total * Math.log2(Math.max(2, total)) * slowdown;
  return DIRECT_2D_TAP * total * arows * acols <= fft;
}
