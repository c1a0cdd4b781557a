// Independent references for the FFT tests: a direct O(n²) DFT with exactly reduced angles
// (2π·(jk mod n)/n) and compensated (Neumaier) sums, so its own error stays near ε·‖X‖ and
// the test tolerances measure the FFT alone; direct circular sums; norms.

/** Unit roundoff of f64. */
export const EPS = 2 ** -53;

/**
 * Tolerance on the relative L2 error of an FFT of length n. Higham (Accuracy and Stability of
 * Numerical Algorithms, Thm 24.2) bounds a radix-2 FFT by log2(n)·η/(1 − log2(n)·η) with
 * η = μ + γ4(√2 + μ) ≈ 7ε for twiddles accurate to μ ≈ ε. Radix 3/5 butterflies have a few
 * more operations per stage, and Bluestein composes two FFTs of length m ≤ 4n plus chirp
 * products (log2 m ≤ log2 n + 2): 30·ε·(log2 n + 2) covers all paths with room for the
 * reference's own O(ε) error, while an indexing or sign bug gives an O(1) error.
 */
export function fftTolerance(n: number): number {
  return 30 * EPS * (Math.log2(Math.max(2, n)) + 2);
}

class Sum {
  s = 0;
  c = 0;
  add(x: number): void {
    const t = this.s + x;
    this.c += Math.abs(this.s) >= Math.abs(x) ? this.s - t + x : x - t + this.s;
    this.s = t;
  }
  get value(): number {
    return this.s + this.c;
  }
}

/** X_k = Σ_j x_j·e^{∓2πi·jk/n} (sign −1 forward), for the bins listed (default all). */
export function directDft(
  re: ArrayLike<number>, im: ArrayLike<number>, sign: -1 | 1, bins?: number[],
): { re: Float64Array; im: Float64Array } {
  const n = re.length;
  const ks = bins ?? Array.from({ length: n }, (_, k) => k);
  const outRe = new Float64Array(ks.length);
  const outIm = new Float64Array(ks.length);
  ks.forEach((k, i) => {
    const sr = new Sum();
    const si = new Sum();
    for (let j = 0; j < n; j++) {
      const angle = (sign * 2 * Math.PI * ((j * k) % n)) / n;
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      sr.add(re[j] * c);
      sr.add(-im[j] * s);
      si.add(re[j] * s);
      si.add(im[j] * c);
    }
    outRe[i] = sr.value;
    outIm[i] = si.value;
  });
  return { re: outRe, im: outIm };
}

/** ‖(aRe, aIm) − (bRe, bIm)‖₂ / ‖(bRe, bIm)‖₂ (absolute when b = 0). */
export function relativeError(
  aRe: ArrayLike<number>, aIm: ArrayLike<number>, bRe: ArrayLike<number>, bIm: ArrayLike<number>,
): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < aRe.length; i++) {
    d += (aRe[i] - bRe[i]) ** 2 + (aIm[i] - bIm[i]) ** 2;
    s += bRe[i] ** 2 + bIm[i] ** 2;
  }
  return Math.sqrt(d) / (s > 0 ? Math.sqrt(s) : 1);
}

export function norm2(...arrays: ArrayLike<number>[]): number {
  let s = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

export function dotProduct(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const s = new Sum();
  for (let i = 0; i < a.length; i++) s.add(a[i] * b[i]);
  return s.value;
}

/** Direct 2-D circular convolution (correlate = false) or correlation of x (R×C) with a (ar×ac). */
export function directCircular(
  x: Float64Array, rows: number, cols: number, a: Float64Array, arows: number, acols: number, correlate: boolean,
): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const s = new Sum();
      for (let p = 0; p < arows; p++) {
        for (let q = 0; q < acols; q++) {
          const r = correlate ? (i + p) % rows : (((i - p) % rows) + rows) % rows;
          const c = correlate ? (j + q) % cols : (((j - q) % cols) + cols) % cols;
          s.add(a[p * acols + q] * x[r * cols + c]);
        }
      }
      out[i * cols + j] = s.value;
    }
  }
  return out;
}
