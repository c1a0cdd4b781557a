// Which path a circular convolution takes: a cost model in nanoseconds-like units, with the
// constants measured by bench/fft.mjs (see its "crossover" table) on a 2-core x86 under Node 20.
//
//   direct ≈ DIRECT·R·C·ar·ac                     (one fused multiply-add per kernel tap, SIMD)
//   FFT    ≈ FFT·R·C·log2(R·C)·penalty              (1-D: three real FFTs and a product;
//                                                     2-D: three complex 2-D FFTs)
// penalty = BLUESTEIN when a transform length has a prime factor other than 2, 3, 5.

/** Cost of one multiply-add of the direct path, relative to the FFT constant below. */
const DIRECT = 0.25;
/** Cost per element·log2(element count) of the 1-D FFT path (three real FFTs). */
const FFT_1D = 1.5;
/** Cost per element·log2(element count) of the 2-D FFT path (three complex 2-D FFTs). */
const FFT_2D = 4.5;
/** Slow-down of a Bluestein length over a 5-smooth one. */
const BLUESTEIN = 5;

function smooth(n: number): boolean {
  for (const p of [2, 3, 5]) while (n % p === 0) n /= p;
  return n === 1;
}

/** True when the direct path is predicted faster for a 1-D signal of length n, kernel length na. */
export function preferDirect1d(n: number, na: number): boolean {
  const fftLength = n % 2 === 0 ? n / 2 : n;
  const fft = FFT_1D * n * Math.log2(Math.max(2, n)) * (smooth(fftLength) ? 1 : BLUESTEIN);
  return DIRECT * n * na <= fft;
}

/** True when the direct path is predicted faster for a rows×cols signal, arows×acols kernel. */
export function preferDirect2d(rows: number, cols: number, arows: number, acols: number): boolean {
  const total = rows * cols;
  const penalty = (smooth(rows) ? 1 : BLUESTEIN / 2) + (smooth(cols) ? 1 : BLUESTEIN / 2);
  const fft = FFT_2D * total * Math.log2(Math.max(2, total)) * (penalty / 2);
  return DIRECT * total * arows * acols <= fft;
}
