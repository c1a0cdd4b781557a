import {
  field, fftPlanInit, fftPlanSize, H_FACTORS, H_KIND, H_NF, H_STAGE, KIND_BLUESTEIN, rfftPlanInit, rfftPlanSize,
  S_M, S_METHOD, S_SUB, STAGE_RADER,
} from "../../../assembly/fft/plan";
import { fft } from "../../../assembly/fft/transform";
import { irfft, rfft } from "../../../assembly/fft/real";
import {
  circularConvolve2dFft, circularConvolve2dFftWorkspaceSize, circularConvolveDirect,
  circularConvolveDirectWorkspaceSize, circularConvolveFft, circularConvolveFftWorkspaceSize,
} from "../../../assembly/fft/convolve";
import { fillPattern, ptr } from "../helpers";

const EPS: f64 = 1.1102230246251565e-16;

// Relative L2 error bound of an FFT of length n: Higham's radix-2 bound log2(n)·η, η ≈ 7ε,
// widened for radix 3/5, for Bluestein (two FFTs of length m ≤ 4n plus chirp products) and for
// Rader (two FFTs of length ≤ 4p per level; nested levels shrink the lengths, and rounding
// errors add like a random walk, so observed errors stay ~10× below this).
function tolerance(n: i32): f64 {
  return 30 * EPS * (Math.log2(<f64>max(2, n)) + 2);
}

function complexPlan(n: i32): Float64Array {
  const plan = new Float64Array(<i32>Math.ceil(fftPlanSize(n) / 8));
  fftPlanInit(ptr(plan), n);
  return plan;
}

function realPlan(n: i32): Float64Array {
  const plan = new Float64Array(<i32>Math.ceil(rfftPlanSize(n) / 8));
  rfftPlanInit(ptr(plan), n);
  return plan;
}

// Bin k of the DFT of interleaved complex x (sign −1 forward, +1 inverse without 1/n), angle
// reduced exactly as 2π·(jk mod n)/n. Writes (re, im) into out[0..1].
function dftBin(x: Float64Array, n: i32, k: i32, sign: f64, out: Float64Array): void {
  let sr: f64 = 0;
  let si: f64 = 0;
  for (let j = 0; j < n; j++) {
    const angle = (sign * 2 * Math.PI * <f64>((<i64>j * k) % n)) / <f64>n;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    sr += x[2 * j] * c - x[2 * j + 1] * s;
    si += x[2 * j] * s + x[2 * j + 1] * c;
  }
  out[0] = sr;
  out[1] = si;
}

function norm(x: Float64Array): f64 {
  let s: f64 = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

// Checks the listed bins (all when bins is empty) of fft(x) against the direct DFT, forward
// and inverse, and that inverse(forward(x)) = x, also in place.
function checkComplex(n: i32, bins: i32[]): void {
  const plan = complexPlan(n);
  const x = fillPattern(2 * n, n);
  const y = new Float64Array(2 * n);
  const z = new Float64Array(2 * n);
  const want = new Float64Array(2);
  fft(ptr(y), ptr(x), ptr(plan), 0);
  fft(ptr(z), ptr(x), ptr(plan), 1);
  const count = bins.length == 0 ? n : bins.length;
  let errF: f64 = 0;
  let errI: f64 = 0;
  for (let i = 0; i < count; i++) {
    const k = bins.length == 0 ? i : bins[i];
    dftBin(x, n, k, -1, want);
    errF += (y[2 * k] - want[0]) ** 2 + (y[2 * k + 1] - want[1]) ** 2;
    dftBin(x, n, k, 1, want);
    errI += (z[2 * k] - want[0] / n) ** 2 + (z[2 * k + 1] - want[1] / n) ** 2;
  }
  // ‖X‖ = √n‖x‖ (Parseval) for the forward transform, ‖x‖/√n for the inverse.
  const nx = norm(x);
  expect(Math.sqrt(errF)).toBeLessThanOrEqual(tolerance(n) * nx * Math.sqrt(<f64>n));
  expect(Math.sqrt(errI)).toBeLessThanOrEqual(tolerance(n) * nx / Math.sqrt(<f64>n));
  // Parseval on the whole output.
  const ny = norm(y);
  expect(Math.abs(ny * ny - n * nx * nx)).toBeLessThanOrEqual(2 * tolerance(n) * n * nx * nx);
  // Round trip in place (out = inp).
  fft(ptr(y), ptr(y), ptr(plan), 1);
  let d: f64 = 0;
  for (let i = 0; i < 2 * n; i++) d += (y[i] - x[i]) ** 2;
  expect(Math.sqrt(d)).toBeLessThanOrEqual(2 * tolerance(n) * nx);
}

function someBins(n: i32): i32[] {
  return [0, 1, 2, n >> 1, n - 1, (n / 3) | 0, (n * 7 / 11) | 0];
}

describe("fft", () => {
  test("n = 0 is an empty transform and n = 1 the identity", () => {
    const plan0 = complexPlan(0);
    const x = fillPattern(2, 5);
    const y = new Float64Array(2);
    fft(ptr(y), ptr(x), ptr(plan0), 0);
    fft(ptr(y), ptr(x), ptr(plan0), 1);
    expect(y[0]).toBe(0); // nothing written
    const plan1 = complexPlan(1);
    fft(ptr(y), ptr(x), ptr(plan1), 0);
    expect(y[0]).toBe(x[0]);
    expect(y[1]).toBe(x[1]);
    fft(ptr(y), ptr(x), ptr(plan1), 1);
    expect(y[0]).toBe(x[0]);
    expect(y[1]).toBe(x[1]);
  });

  test("every length 1..64 matches the direct DFT (forward, inverse, in place)", () => {
    for (let n = 1; n <= 64; n++) checkComplex(n, []);
  });

  test("5-smooth lengths (products of 2, 3, 5)", () => {
    const lengths: i32[] = [60, 90, 120, 150, 225, 243, 360, 375, 625, 720, 1000, 3375, 7200, 15625, 46656];
    for (let i = 0; i < lengths.length; i++) checkComplex(lengths[i], lengths[i] <= 1000 ? [] : someBins(lengths[i]));
  });

  test("powers of two up to 2^16", () => {
    for (let log = 0; log <= 16; log++) {
      const n = 1 << log;
      checkComplex(n, n <= 256 ? [] : someBins(n));
    }
  });

  test("radix 7, 11, 13 lengths", () => {
    const lengths: i32[] = [49, 77, 91, 121, 143, 169, 343, 1001, 2310, 9009, 44100];
    for (let i = 0; i < lengths.length; i++) checkComplex(lengths[i], lengths[i] <= 1001 ? [] : someBins(lengths[i]));
  });

  test("primes 17…61 by the symmetric butterfly, and their products", () => {
    const lengths: i32[] = [17, 289, 646, 4913];
    const paths: string[] = ["G17", "G17 G17", "G19 G17", "G17 G17 G17"];
    checkPaths(lengths, paths, 1000);
  });

  test("Rader with a cyclic convolution of length p − 1, alone and inside composites", () => {
    const lengths: i32[] = [31, 97, 101, 257, 771, 961, 1009, 65537, 131074];
    const paths: string[] = ["R31", "R97", "R101", "R257", "R257", "R31 R31", "R1009", "R65537", "R65537"];
    checkPaths(lengths, paths, 1009);
  });

  test("nested Rader: the length p − 1 sub-plan uses Rader or the symmetric butterfly", () => {
    const lengths: i32[] = [83, 103, 2381, 100002];
    const paths: string[] = ["R83(R41)", "R103(G17)", "R2381(G17)", "R2381(G17)"];
    checkPaths(lengths, paths, 1000);
  });

  test("Rader with a zero-padded convolution (p − 1 factors badly)", () => {
    const lengths: i32[] = [214, 1819];
    const paths: string[] = ["P107", "P107 G17"];
    checkPaths(lengths, paths, 1000);
  });

  test("Bluestein where the cost model prefers it, including large primes", () => {
    const lengths: i32[] = [107, 167, 4093, 100003];
    const paths: string[] = ["B", "B", "B", "B"];
    checkPaths(lengths, paths, 1000);
  });
});

// The path a complex plan takes: "B" (Bluestein), "S" (Stockham with radices ≤ 13 only), or its
// stages of radix > 13: "G17" (symmetric butterfly), "R31" (Rader, cyclic convolution of
// length p − 1), "P107" (Rader, zero-padded convolution), a nested plan in parentheses.
function planPath(plan: usize): string {
  if (field(plan, H_KIND) == KIND_BLUESTEIN) return "B";
  let out = "";
  const nf = field(plan, H_NF);
  for (let s = 0; s < nf; s++) {
    const r = field(plan, H_FACTORS + s);
    if (r <= 13) continue;
    const blk = plan + <usize>field(plan, H_STAGE + s);
    let part = "G" + r.toString();
    if (field(blk, S_METHOD) == STAGE_RADER) {
      const inner = planPath(blk + <usize>field(blk, S_SUB));
      part = (field(blk, S_M) == r - 1 ? "R" : "P") + r.toString() + (inner == "S" ? "" : "(" + inner + ")");
    }
    out = out.length == 0 ? part : out + " " + part;
  }
  return out.length == 0 ? "S" : out;
}

// Checks that each length takes the expected path (so every path stays exercised when the cost
// model changes) and matches the direct DFT: all bins up to `full`, a few bins beyond.
function checkPaths(lengths: i32[], paths: string[], full: i32): void {
  for (let i = 0; i < lengths.length; i++) {
    const n = lengths[i];
    expect(planPath(ptr(complexPlan(n)))).toBe(paths[i]);
    checkComplex(n, n <= full ? [] : someBins(n));
  }
}

describe("rfft / irfft", () => {
  test("match the complex DFT of (x, 0) and invert each other: lengths 1..64 and awkward ones", () => {
    const lengths: i32[] = [];
    for (let n = 1; n <= 64; n++) lengths.push(n);
    lengths.push(100);
    lengths.push(214); // h = 107: Bluestein
    lengths.push(514); // h = 257: Rader
    lengths.push(646); // h = 323 = 17·19: symmetric butterflies
    lengths.push(1009); // odd: Rader
    lengths.push(1819); // odd: 17·107, zero-padded Rader
    lengths.push(2018);
    lengths.push(4096);
    for (let li = 0; li < lengths.length; li++) {
      const n = lengths[li];
      const plan = realPlan(n);
      const x = fillPattern(n, 7 * n);
      const xc = new Float64Array(2 * n);
      for (let j = 0; j < n; j++) xc[2 * j] = x[j];
      const bins = (n >> 1) + 1;
      const y = new Float64Array(2 * bins);
      rfft(ptr(y), ptr(x), ptr(plan));
      const want = new Float64Array(2);
      let err: f64 = 0;
      const step = n > 200 ? 37 : 1;
      for (let k = 0; k < bins; k += step) {
        dftBin(xc, n, k, -1, want);
        err += (y[2 * k] - want[0]) ** 2 + (y[2 * k + 1] - want[1]) ** 2;
      }
      const nx = norm(x);
      expect(Math.sqrt(err)).toBeLessThanOrEqual(tolerance(n) * nx * Math.sqrt(<f64>n));
      const back = new Float64Array(n);
      irfft(ptr(back), ptr(y), ptr(plan));
      let d: f64 = 0;
      for (let j = 0; j < n; j++) d += (back[j] - x[j]) ** 2;
      expect(Math.sqrt(d)).toBeLessThanOrEqual(2 * tolerance(n) * nx);
    }
  });
});

// Direct circular sums (correlate = 0: convolution).
function reference(x: Float64Array, rows: i32, cols: i32, a: Float64Array, ar: i32, ac: i32, correlate: i32): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let s: f64 = 0;
      for (let p = 0; p < ar; p++) {
        for (let q = 0; q < ac; q++) {
          const r = correlate ? (i + p) % rows : (((i - p) % rows) + rows) % rows;
          const c = correlate ? (j + q) % cols : (((j - q) % cols) + cols) % cols;
          s += a[p * ac + q] * x[r * cols + c];
        }
      }
      out[i * cols + j] = s;
    }
  }
  return out;
}

// Entry-wise error bound: na products per entry (direct), FFT error ∝ ε·log n·‖a‖₁‖x‖.
function convTolerance(n: i32, na: i32, a: Float64Array, x: Float64Array): f64 {
  return EPS * (<f64>na + 30 * Math.sqrt(<f64>na) * (Math.log2(<f64>max(2, n)) + 2)) * norm(a) * norm(x);
}

function maxDiff(a: Float64Array, b: Float64Array): f64 {
  let m: f64 = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function dot(a: Float64Array, b: Float64Array): f64 {
  let s: f64 = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function convolve1d(x: Float64Array, a: Float64Array, correlate: i32, useFft: bool): Float64Array {
  const n = x.length;
  const na = a.length;
  const out = new Float64Array(n);
  if (useFft) {
    const plan = realPlan(n);
    const work = new Float64Array(<i32>Math.ceil(circularConvolveFftWorkspaceSize(n) / 8));
    circularConvolveFft(ptr(out), ptr(x), ptr(a), na, ptr(plan), ptr(work), correlate);
  } else {
    const work = new Float64Array(<i32>Math.ceil(circularConvolveDirectWorkspaceSize(1, n, 1, na) / 8));
    circularConvolveDirect(ptr(out), ptr(x), ptr(a), 1, n, 1, na, ptr(work), correlate);
  }
  return out;
}

function convolve2d(x: Float64Array, rows: i32, cols: i32, a: Float64Array, ar: i32, ac: i32, correlate: i32, useFft: bool): Float64Array {
  const out = new Float64Array(rows * cols);
  if (useFft) {
    const pr = complexPlan(rows);
    const pc = complexPlan(cols);
    const work = new Float64Array(<i32>Math.ceil(circularConvolve2dFftWorkspaceSize(rows, cols) / 8));
    circularConvolve2dFft(ptr(out), ptr(x), ptr(a), rows, cols, ar, ac, ptr(pr), ptr(pc), ptr(work), correlate);
  } else {
    const work = new Float64Array(<i32>Math.ceil(circularConvolveDirectWorkspaceSize(rows, cols, ar, ac) / 8));
    circularConvolveDirect(ptr(out), ptr(x), ptr(a), rows, cols, ar, ac, ptr(work), correlate);
  }
  return out;
}

describe("circular convolution and correlation", () => {
  test("1-D: direct and FFT paths match the direct sums on a grid of lengths", () => {
    const lengths: i32[] = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 83, 100, 214, 257, 646];
    for (let li = 0; li < lengths.length; li++) {
      const n = lengths[li];
      const kernels: i32[] = [1, 2, 3, (n + 1) >> 1, n];
      for (let ki = 0; ki < kernels.length; ki++) {
        const na = min(n, kernels[ki]);
        const x = fillPattern(n, n);
        const a = fillPattern(na, 3 * na + 1);
        for (let correlate = 0; correlate < 2; correlate++) {
          const want = reference(x, 1, n, a, 1, na, correlate);
          const tol = convTolerance(n, na, a, x);
          expect(maxDiff(convolve1d(x, a, correlate, false), want)).toBeLessThanOrEqual(tol);
          expect(maxDiff(convolve1d(x, a, correlate, true), want)).toBeLessThanOrEqual(tol);
        }
      }
    }
  });

  test("2-D: direct and FFT paths match the direct sums, non-square and odd shapes", () => {
    const shapes: i32[] = [1, 1, 1, 1, 1, 7, 1, 3, 5, 1, 2, 1, 3, 5, 2, 2, 8, 6, 3, 6, 7, 11, 7, 1, 16, 16, 4, 4, 9, 13, 9, 13];
    for (let s = 0; s < shapes.length; s += 4) {
      const rows = shapes[s], cols = shapes[s + 1], ar = shapes[s + 2], ac = shapes[s + 3];
      const x = fillPattern(rows * cols, rows * 31 + cols);
      const a = fillPattern(ar * ac, ar * 7 + ac);
      for (let correlate = 0; correlate < 2; correlate++) {
        const want = reference(x, rows, cols, a, ar, ac, correlate);
        const tol = convTolerance(rows * cols, ar * ac, a, x);
        expect(maxDiff(convolve2d(x, rows, cols, a, ar, ac, correlate, false), want)).toBeLessThanOrEqual(tol);
        expect(maxDiff(convolve2d(x, rows, cols, a, ar, ac, correlate, true), want)).toBeLessThanOrEqual(tol);
      }
    }
  });

  test("adjoint identity ⟨a ⊛ x, y⟩ = ⟨x, corr(a, y)⟩, 1-D and 2-D, both paths", () => {
    const n = 60;
    const x = fillPattern(n, 1);
    const y = fillPattern(n, 2);
    const a = fillPattern(9, 3);
    for (let path = 0; path < 2; path++) {
      const useFft = path == 1;
      const lhs = dot(convolve1d(x, a, 0, useFft), y);
      const rhs = dot(x, convolve1d(y, a, 1, useFft));
      expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(2 * Math.sqrt(<f64>n) * convTolerance(n, 9, a, x) * norm(y));
      const lhs2 = dot(convolve2d(x, 6, 10, a, 3, 3, 0, useFft), y);
      const rhs2 = dot(x, convolve2d(y, 6, 10, a, 3, 3, 1, useFft));
      expect(Math.abs(lhs2 - rhs2)).toBeLessThanOrEqual(2 * Math.sqrt(<f64>n) * convTolerance(n, 9, a, x) * norm(y));
    }
  });
});
