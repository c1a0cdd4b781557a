// FFT plans: one block of wasm memory (made by the TypeScript layer) holding everything a
// transform of one length needs, so transforms never allocate.
//
// Layout: a 256-byte header of i32 fields (below), then 64-byte aligned sections addressed by
// byte offsets from the plan start. Kinds:
//   STOCKHAM  (complex n whose prime factors are ≤ 13): factors (4s first, then at most one 2,
//             then 3, 5, 7, 11, 13), twiddles, scratch.
//   BLUESTEIN (complex n with another prime factor): chirp w_j = e^{−πi·j²/n} (j < n), the
//             FFT of the conjugate chirp filter (5-smooth length m ≥ 2n − 1, scaled by 1/m), two
//             work arrays of m complex, and a STOCKHAM sub-plan of length m.
//   REAL_EVEN (real n = 2h): twiddles e^{−2πi·k/n} for k ≤ h/2 and a complex sub-plan of length h.
//   REAL_ODD  (real n odd): two work arrays of n complex and a complex sub-plan of length n.
import { forward } from "./transform";

export const H_N = 0;
export const H_KIND = 1;
export const H_NF = 2;
export const H_TW = 3;
export const H_SCRATCH = 4;
export const H_M = 5;
export const H_CHIRP = 6;
export const H_FILTER = 7;
export const H_WORK = 8;
export const H_WORK2 = 9;
export const H_SUB = 10;
export const H_FACTORS = 16;
const MAX_FACTORS = 32;
const HEADER_BYTES: f64 = 256;

export const KIND_STOCKHAM = 0;
export const KIND_BLUESTEIN = 1;
export const KIND_REAL_EVEN = 2;
export const KIND_REAL_ODD = 3;

// @ts-ignore: decorator
@inline export function field(plan: usize, index: i32): i32 {
  return load<i32>(plan + (<usize>index << 2));
}

// @ts-ignore: decorator
@inline function setField(plan: usize, index: i32, value: i32): void {
  store<i32>(plan + (<usize>index << 2), value);
}

// A section's size: rounded up to 64 bytes, plus 192 so that consecutive power-of-two-sized
// sections do not start at the same offset modulo 4096 (which makes a loop over several of
// them collide in the L1 cache sets and trip 4K store/load aliasing).
function align64(bytes: f64): f64 {
  return Math.ceil(bytes / 64) * 64 + 192;
}

// The part of n left after removing all prime factors ≤ 13 (1 when n is 13-smooth).
function roughPart(n: i32): i32 {
  if (n <= 0) return 1;
  while (n % 2 == 0) n /= 2;
  while (n % 3 == 0) n /= 3;
  while (n % 5 == 0) n /= 5;
  while (n % 7 == 0) n /= 7;
  while (n % 11 == 0) n /= 11;
  while (n % 13 == 0) n /= 13;
  return n;
}

// The Bluestein convolution length: the smallest 2^a·3^b·5^c ≥ 2n − 1 whose estimated cost
// m·log2(m)·(1 + 0.1·(number of radix-3/5 stages)) is lowest, compared with the next power of
// two (radix 3/5 stages do more work per point than radix 4).
function bluesteinLength(n: i32): i32 {
  const need = 2 * n - 1;
  let pow2 = 1;
  while (pow2 < need) pow2 <<= 1;
  let best = pow2;
  let bestCost = <f64>pow2 * Math.log2(<f64>pow2);
  for (let p5 = 1; p5 < pow2; p5 *= 5) {
    for (let p35 = p5; p35 < pow2; p35 *= 3) {
      let m = p35;
      while (m < need) m <<= 1;
      const odd = roughStages(p35);
      const cost = <f64>m * Math.log2(<f64>m) * (1 + 0.1 * <f64>odd);
      if (m >= need && cost < bestCost) {
        best = m;
        bestCost = cost;
      }
    }
  }
  return best;
}

// Number of radix-3 and radix-5 stages of a 3^b·5^c.
function roughStages(n: i32): i32 {
  let count = 0;
  while (n % 3 == 0) {
    n /= 3;
    count++;
  }
  while (n % 5 == 0) {
    n /= 5;
    count++;
  }
  return count;
}

// Number of stored twiddles Σ ns·(R−1) over the stages; writes the factors when plan ≠ 0.
function factorize(n: i32, plan: usize): i32 {
  let rest = max(n, 1); // n = 0: no stages (an empty transform)
  let nf = 0;
  let ns = 1;
  let count = 0;
  for (let i = 0; i < 7; i++) {
    const r = i == 0 ? 4 : i == 1 ? 2 : i == 2 ? 3 : i == 3 ? 5 : i == 4 ? 7 : i == 5 ? 11 : 13;
    // At most one radix-2 stage: pairs of 2s are taken as radix 4.
    while (rest % r == 0) {
      if (plan != 0) setField(plan, H_FACTORS + nf, r);
      nf++;
      count += ns * (r - 1);
      ns *= r;
      rest /= r;
      if (r == 2) break;
    }
  }
  if (plan != 0) setField(plan, H_NF, nf);
  return count;
}

// Bytes a complex plan for length n needs (n ≥ 1).
export function fftPlanSize(n: i32): f64 {
  if (roughPart(n) == 1) {
    return HEADER_BYTES + align64(16 * <f64>factorize(n, 0)) + align64(16 * <f64>n);
  }
  const m = bluesteinLength(n);
  return HEADER_BYTES + align64(16 * <f64>n) + 3 * align64(16 * <f64>m) + fftPlanSize(m);
}

// e^{−2πi·num/den} stored at p, with num reduced mod den first (exact integer arithmetic).
function storeTwiddle(p: usize, num: i64, den: i64): void {
  const r = num % den;
  const angle = (-2.0 * Math.PI * <f64>r) / <f64>den;
  store<f64>(p, Math.cos(angle));
  store<f64>(p, Math.sin(angle), 8);
}

// Fills a complex plan for length n in a zeroed block of fftPlanSize(n) bytes at plan.
export function fftPlanInit(plan: usize, n: i32): void {
  setField(plan, H_N, n);
  if (roughPart(n) == 1) {
    setField(plan, H_KIND, KIND_STOCKHAM);
    const count = factorize(n, plan);
    const tw = HEADER_BYTES;
    setField(plan, H_TW, <i32>tw);
    setField(plan, H_SCRATCH, <i32>(tw + align64(16 * <f64>count)));
    const nf = field(plan, H_NF);
    let p = plan + <usize>tw;
    let ns = 1;
    for (let s = 0; s < nf; s++) {
      const r = field(plan, H_FACTORS + s);
      for (let k = 0; k < ns; k++) {
        for (let q = 1; q < r; q++) {
          storeTwiddle(p, <i64>q * k, <i64>ns * r);
          p += 16;
        }
      }
      ns *= r;
    }
    return;
  }
  setField(plan, H_KIND, KIND_BLUESTEIN);
  const m = bluesteinLength(n);
  const chirp = HEADER_BYTES;
  const filter = chirp + align64(16 * <f64>n);
  const work = filter + align64(16 * <f64>m);
  const work2 = work + align64(16 * <f64>m);
  const sub = work2 + align64(16 * <f64>m);
  setField(plan, H_M, m);
  setField(plan, H_CHIRP, <i32>chirp);
  setField(plan, H_FILTER, <i32>filter);
  setField(plan, H_WORK, <i32>work);
  setField(plan, H_WORK2, <i32>work2);
  setField(plan, H_SUB, <i32>sub);
  const subPlan = plan + <usize>sub;
  fftPlanInit(subPlan, m);
  // Chirp w_j = e^{−πi·j²/n} = e^{−2πi·(j² mod 2n)/(2n)}.
  const c = plan + <usize>chirp;
  for (let j = 0; j < n; j++) storeTwiddle(c + (<usize>j << 4), <i64>j * j, 2 * <i64>n);
  // Filter b_j = conj(w_j)/m at j and m − j (j < n), then its DFT.
  const w = plan + <usize>work;
  const scale = 1.0 / <f64>m;
  for (let j = 0; j < n; j++) {
    const re = load<f64>(c + (<usize>j << 4)) * scale;
    const im = -load<f64>(c + (<usize>j << 4), 8) * scale;
    store<f64>(w + (<usize>j << 4), re);
    store<f64>(w + (<usize>j << 4), im, 8);
    if (j > 0) {
      store<f64>(w + (<usize>(m - j) << 4), re);
      store<f64>(w + (<usize>(m - j) << 4), im, 8);
    }
  }
  forward(subPlan, w, plan + <usize>filter);
}

// Bytes a real-FFT plan for length n needs (n ≥ 1).
export function rfftPlanSize(n: i32): f64 {
  if ((n & 1) == 0) {
    const h = n >> 1;
    return HEADER_BYTES + align64(16 * <f64>((h >> 1) + 1)) + fftPlanSize(h);
  }
  return HEADER_BYTES + 2 * align64(16 * <f64>n) + fftPlanSize(n);
}

// Fills a real-FFT plan for length n in a zeroed block of rfftPlanSize(n) bytes at plan.
export function rfftPlanInit(plan: usize, n: i32): void {
  setField(plan, H_N, n);
  if ((n & 1) == 0) {
    const h = n >> 1;
    setField(plan, H_KIND, KIND_REAL_EVEN);
    const tw = HEADER_BYTES;
    const sub = tw + align64(16 * <f64>((h >> 1) + 1));
    setField(plan, H_TW, <i32>tw);
    setField(plan, H_SUB, <i32>sub);
    for (let k = 0; k <= h >> 1; k++) storeTwiddle(plan + <usize>tw + (<usize>k << 4), k, n);
    fftPlanInit(plan + <usize>sub, h);
    return;
  }
  setField(plan, H_KIND, KIND_REAL_ODD);
  const work = HEADER_BYTES;
  const work2 = work + align64(16 * <f64>n);
  const sub = work2 + align64(16 * <f64>n);
  setField(plan, H_WORK, <i32>work);
  setField(plan, H_WORK2, <i32>work2);
  setField(plan, H_SUB, <i32>sub);
  fftPlanInit(plan + <usize>sub, n);
}
