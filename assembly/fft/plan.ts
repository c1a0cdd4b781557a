// FFT plans: one block of wasm memory (made by the TypeScript layer) holding everything a
// transform of one length needs, so transforms never allocate.
//
// Layout: a 512-byte header of i32 fields (below), then 64-byte aligned sections addressed by
// byte offsets from the plan start. Kinds:
//   STOCKHAM  (complex n, unless the cost model prefers Bluestein): factors (primes above 13
//             largest first, then 4s, at most one 2, 3, 5, 7, 11, 13), twiddles, scratch, and
//             one data block per stage of radix ≥ 7 (below).
//   BLUESTEIN (complex n whose Stockham plan the cost model finds dearer): chirp
//             w_j = e^{−πi·j²/n} (j < n), the FFT of the conjugate chirp filter (5-smooth length
//             m ≥ 2n − 1, a multiple of 4, scaled by 1/m), one work array of m complex, and a
//             sub-plan of length m whose scratch is the transforms' other ping-pong buffer: 16n + 64m
//             bytes in all (it was 16n + 80m with a second work array).
//   REAL_EVEN (real n = 2h): twiddles e^{−2πi·k/n} for k ≤ h/2 and a complex sub-plan of length h.
//   REAL_ODD  (real n odd): two work arrays of n complex and a complex sub-plan of length n.
// A stage data block starts with 64 bytes of i32 fields (S_*), then:
//   STAGE_ODD   (radix p ≤ 61 by the symmetric O(p²) butterfly): the table cos, sin(2π·r·q/p)
//               for 1 ≤ q, r ≤ h = (p − 1)/2, q-major, each as (cos, cos, sin, sin).
//   STAGE_RADER (prime p by Rader's algorithm, see rader.ts): discrete logarithms and powers of
//               g and of its inverse (three tables of p − 1 i32), the FFT of the permuted twiddles (M complex,
//               scaled by 1/M), two work arrays of M complex and a complex sub-plan of length M,
//               where M = p − 1 (cyclic convolution) or a 5-smooth M ≥ 2p − 3 (zero-padded, as
//               pocketfft does when p − 1 factors badly).
//
// Which path a length takes is decided by a cost model (planCost, in units of about one
// radix-2 butterfly per point): a Stockham stage of radix r costs n·stageCost(r); a Rader stage
// two FFTs of length M plus its permutations per butterfly; Bluestein two FFTs of length m plus
// its chirp products. Plans recurse: the length-M sub-plan of a Rader stage may use Rader again.
import { fft } from "./transform";

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
export const H_FACTORS = 16; // up to 32 factors
export const H_STAGE = 48; // per factor: its stage data block's offset (radix ≥ 7)
const HEADER_BYTES: f64 = 512;

export const KIND_STOCKHAM = 0;
export const KIND_BLUESTEIN = 1;
export const KIND_REAL_EVEN = 2;
export const KIND_REAL_ODD = 3;

// Stage data fields (i32; offsets are in bytes from the stage block).
export const S_METHOD = 0;
export const S_P = 1;
export const S_L = 2; // p − 1
export const S_M = 3; // Rader: convolution length
export const S_TABLE = 4; // odd radix: the cos/sin table
export const S_IN_POS = 5; // Rader: at r − 1 (1 ≤ r < p), the s < L with g^{−s} ≡ r (mod p)
export const S_OUT_PERM = 6; // Rader: at s < L, g^s mod p
export const S_FILTER = 7;
export const S_WORK = 8;
export const S_WORK2 = 9;
export const S_SUB = 10;
export const S_PERM = 11; // Rader: at s < L, g^{−s} mod p
export const S_FUSED = 12; // Rader: 1 when the fused path applies (rader.ts)
const STAGE_HEADER_BYTES: f64 = 64;

export const STAGE_ODD = 0;
export const STAGE_RADER = 1;

// Largest prime the symmetric O(p²) butterfly may take (its scratch is sized for it).
export const ODD_MAX = 61;

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

// The smallest prime factor of n > 1 (n itself when prime).
function smallestPrimeFactor(n: i32): i32 {
  if (n % 2 == 0) return 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d == 0) return d;
  return n;
}

// The radix of the next stage for the part `rest` of n still to factor: the prime factors
// above 13 first, largest first (a first stage has no twiddles, and a Rader stage without
// twiddles takes the fused path of rader.ts), then 4 while 4 divides it, then the smallest
// prime factor (2, 3, 5, 7, 11, 13).
function nextRadix(rest: i32): i32 {
  const rough = roughPart(rest);
  if (rough > 1) {
    let largest = 1;
    let x = rough;
    for (let d = 17; d * d <= x; d += 2) {
      while (x % d == 0) {
        largest = d;
        x /= d;
      }
    }
    return x > 1 ? max(x, largest) : largest;
  }
  return rest % 4 == 0 ? 4 : smallestPrimeFactor(rest);
}

// ---- Cost model -------------------------------------------------------------------------------
// Per-point stage costs, estimated from operation counts and checked against timings on a
// 2-core x86 under Node 20 (bench/fft.mjs; the machine was shared, so only the choices that
// differ by well over the noise are trusted: Rader over Bluestein when p − 1 is smooth,
// Bluestein over nested Rader when p − 1 has a large prime factor).

// Cost per point of one Stockham stage of radix r ≤ ODD_MAX.
function butterflyCost(r: i32): f64 {
  if (r == 4) return 2.0;
  if (r == 2) return 1.3;
  if (r == 3) return 2.1;
  if (r == 5) return 3.0;
  return 1.0 + 0.55 * <f64>(r - 1); // symmetric butterfly: ~h multiply-adds per output pair
}

// A Rader butterfly beside its two FFTs: the permuted reads and writes (per input point; the
// random accesses miss the cache once the data outgrow it: measured ≈ 0.9 of an FFT of length
// 2^16 for p = 2^16 + 1) and the pointwise product (per convolution point).
const RADER_PER_INPUT: f64 = 3.0;
const RADER_PER_INPUT_LARGE: f64 = 8.0; // p ≥ RADER_LARGE
const RADER_LARGE = 1 << 15;
const RADER_PER_CONV: f64 = 1.5;
// Bluestein beside its two FFTs, per convolution point: chirp products, padding, the product.
// Since these were fused into the first stages (transform.ts) Bluestein runs ≈ 15% faster at
// 100003; at the small lengths where the choice is close (214 = 2·107: zero-padded Rader or
// Bluestein) the two paths measured the same, so the constant keeps the earlier choices.
const BLUESTEIN_PER_POINT: f64 = 2.5;

// Cost of a Stockham plan whose radices are all ≤ 5 (the padded lengths).
function smoothCost(m: i32): f64 {
  let cost: f64 = 0;
  let rest = m;
  while (rest > 1) {
    const r = nextRadix(rest);
    cost += butterflyCost(r);
    rest /= r;
  }
  return <f64>m * cost;
}

// The cheapest 2^a·3^b·5^c ≥ need with 2^a ≥ minPow2 by smoothCost (the power of two included).
function paddedLength(need: i32, minPow2: i32 = 1): i32 {
  let pow2 = 1;
  while (pow2 < need) pow2 <<= 1;
  let best = pow2;
  let bestCost = smoothCost(pow2);
  for (let p5 = 1; p5 < pow2; p5 *= 5) {
    for (let p35 = p5; p35 < pow2; p35 *= 3) {
      let m = p35 * minPow2;
      while (m < need) m <<= 1;
      const cost = smoothCost(m);
      if (cost < bestCost) {
        best = m;
        bestCost = cost;
      }
    }
  }
  return best;
}

// The Bluestein convolution length for n: the cheapest 5-smooth m ≥ 2n − 1 divisible by 4, so
// that both transforms start with a radix-4 stage into which transform.ts fuses the chirp
// products, the zero padding (m ≥ 2n: the upper half of the input is zero) and the filter product.
function bluesteinLength(n: i32): i32 {
  return paddedLength(2 * n - 1, 4);
}

function bluesteinCost(n: i32): f64 {
  const m = bluesteinLength(n);
  return 2 * smoothCost(m) + BLUESTEIN_PER_POINT * <f64>m;
}

// The cost per point of the stage chosen by the last raderLength call.
let chosenStageCost: f64 = 0;

// The convolution length of a Rader stage for prime p: p − 1 (cyclic, through the library's own
// plan of length p − 1, which may use Rader again) or the cheapest 5-smooth length ≥ 2p − 3
// (zero-padded), whichever costs less; 0 when the symmetric butterfly (p ≤ ODD_MAX) is cheaper
// than both, or p ≤ 13. Sets chosenStageCost.
function raderLength(p: i32): i32 {
  if (p <= 13) {
    chosenStageCost = butterflyCost(p);
    return 0;
  }
  const l = p - 1;
  const padded = paddedLength(2 * p - 3);
  const cyclic = planCost(l);
  const paddedConv = smoothCost(padded);
  const m = cyclic <= paddedConv ? l : padded;
  const perInput = p >= RADER_LARGE ? RADER_PER_INPUT_LARGE : RADER_PER_INPUT;
  const cost = (2 * min(cyclic, paddedConv) + RADER_PER_CONV * <f64>m) / <f64>p + perInput;
  if (p <= ODD_MAX && butterflyCost(p) <= cost) {
    chosenStageCost = butterflyCost(p);
    return 0;
  }
  chosenStageCost = cost;
  return m;
}

// Cost of the Stockham plan of n, with Rader or symmetric stages for primes above 13.
function stockhamCost(n: i32): f64 {
  let cost: f64 = 0;
  let rest = n;
  while (rest > 1) {
    const r = nextRadix(rest);
    raderLength(r);
    cost += chosenStageCost;
    rest /= r;
  }
  return <f64>n * cost;
}

// True when Bluestein is predicted cheaper than the Stockham plan.
function useBluestein(n: i32): bool {
  if (roughPart(n) == 1) return false;
  return bluesteinCost(n) < stockhamCost(n);
}

// Predicted cost of the complex plan for n.
function planCost(n: i32): f64 {
  if (n <= 1) return 0;
  const s = stockhamCost(n);
  return roughPart(n) == 1 ? s : min(s, bluesteinCost(n));
}

// ---- Sizes and layout -------------------------------------------------------------------------

// Number of stored twiddles Σ ns·(R−1) over the stages; writes the factors when plan ≠ 0.
function factorize(n: i32, plan: usize): i32 {
  let rest = max(n, 1); // n = 0: no stages (an empty transform)
  let nf = 0;
  let ns = 1;
  let count = 0;
  while (rest > 1) {
    const r = nextRadix(rest);
    if (plan != 0) setField(plan, H_FACTORS + nf, r);
    nf++;
    count += ns * (r - 1);
    ns *= r;
    rest /= r;
  }
  if (plan != 0) setField(plan, H_NF, nf);
  return count;
}

// Bytes of the data block of a stage of radix r (0 for r < 7).
function stageSize(r: i32): f64 {
  if (r < 7) return 0;
  const m = raderLength(r);
  if (m == 0) {
    const h = <f64>((r - 1) >> 1);
    return STAGE_HEADER_BYTES + align64(32 * h * h);
  }
  return STAGE_HEADER_BYTES + 3 * align64(4 * <f64>(r - 1)) + 3 * align64(16 * <f64>m) + fftPlanSize(m);
}

// Bytes a complex plan for length n needs (n ≥ 1).
export function fftPlanSize(n: i32): f64 {
  if (useBluestein(n)) {
    const m = bluesteinLength(n);
    return HEADER_BYTES + align64(16 * <f64>n) + 2 * align64(16 * <f64>m) + fftPlanSize(m);
  }
  let bytes = HEADER_BYTES + align64(16 * <f64>factorize(n, 0)) + align64(16 * <f64>n);
  let rest = max(n, 1);
  while (rest > 1) {
    const r = nextRadix(rest);
    bytes += stageSize(r);
    rest /= r;
  }
  return bytes;
}

// e^{−2πi·num/den} stored at p, with num reduced mod den first (exact integer arithmetic).
function storeTwiddle(p: usize, num: i64, den: i64): void {
  const r = num % den;
  const angle = (-2.0 * Math.PI * <f64>r) / <f64>den;
  store<f64>(p, Math.cos(angle));
  store<f64>(p, Math.sin(angle), 8);
}

// b^e mod p (p < 2^24, so products fit in i64).
function powMod(b: i64, e: i64, p: i64): i64 {
  let r: i64 = 1;
  b %= p;
  while (e > 0) {
    if (e & 1) r = (r * b) % p;
    b = (b * b) % p;
    e >>= 1;
  }
  return r;
}

// The smallest generator of the multiplicative group mod the odd prime p: g^{(p−1)/q} ≢ 1 for
// every prime q dividing p − 1.
function primitiveRoot(p: i32): i32 {
  const l = p - 1;
  for (let g = 2; g < p; g++) {
    let rest = l;
    let ok = true;
    while (rest > 1 && ok) {
      const q = smallestPrimeFactor(rest);
      if (powMod(g, l / q, p) == 1) ok = false;
      while (rest % q == 0) rest /= q;
    }
    if (ok) return g;
  }
  return 1; // not reached for an odd prime
}

// Fills the data block of a stage of radix r ≥ 7 at blk (zeroed, stageSize(r) bytes).
function stageInit(blk: usize, r: i32): void {
  const m = raderLength(r);
  setField(blk, S_P, r);
  setField(blk, S_L, r - 1);
  if (m == 0) {
    setField(blk, S_METHOD, STAGE_ODD);
    const table = STAGE_HEADER_BYTES;
    setField(blk, S_TABLE, <i32>table);
    const h = (r - 1) >> 1;
    for (let q = 1; q <= h; q++) {
      for (let a = 1; a <= h; a++) {
        const angle = (2 * Math.PI * <f64>((a * q) % r)) / <f64>r;
        const e = blk + <usize>table + (<usize>((q - 1) * h + (a - 1)) << 5);
        const c = Math.cos(angle), sn = Math.sin(angle);
        store<f64>(e, c);
        store<f64>(e, c, 8);
        store<f64>(e, sn, 16);
        store<f64>(e, sn, 24);
      }
    }
    return;
  }
  // Rader (rader.ts): y_{g^v} = a_0 + Σ_s a_{g^{−s}}·d_{(v−s) mod L}, d_u = e^{−2πi·g^u/p}.
  setField(blk, S_METHOD, STAGE_RADER);
  setField(blk, S_M, m);
  const l = r - 1;
  const inPos = STAGE_HEADER_BYTES;
  const outPerm = inPos + align64(4 * <f64>l);
  const perm = outPerm + align64(4 * <f64>l);
  const filter = perm + align64(4 * <f64>l);
  const work = filter + align64(16 * <f64>m);
  const work2 = work + align64(16 * <f64>m);
  const sub = work2 + align64(16 * <f64>m);
  setField(blk, S_IN_POS, <i32>inPos);
  setField(blk, S_OUT_PERM, <i32>outPerm);
  setField(blk, S_PERM, <i32>perm);
  setField(blk, S_FILTER, <i32>filter);
  setField(blk, S_WORK, <i32>work);
  setField(blk, S_WORK2, <i32>work2);
  setField(blk, S_SUB, <i32>sub);
  const g = primitiveRoot(r);
  const gInv = powMod(g, r - 2, r);
  let up: i64 = 1; // g^s
  let down: i64 = 1; // g^{−s}
  const w = blk + <usize>work;
  for (let s = 0; s < l; s++) {
    store<i32>(blk + <usize>outPerm + (<usize>s << 2), <i32>up);
    store<i32>(blk + <usize>inPos + (<usize>(down - 1) << 2), s);
    store<i32>(blk + <usize>perm + (<usize>s << 2), <i32>down);
    // The kernel d, extended so that a cyclic convolution of length m ≥ 2l − 1 contains the
    // cyclic one of length l: d'_s = d_s and d'_{m−l+s} = d_s (the same slot when m = l).
    storeTwiddle(w + (<usize>s << 4), up, r);
    if (s > 0) storeTwiddle(w + (<usize>(m - l + s) << 4), up, r);
    up = (up * g) % r;
    down = (down * gInv) % r;
  }
  const subPlan = blk + <usize>sub;
  fftPlanInit(subPlan, m);
  const nf = field(subPlan, H_NF);
  const fused = m == l && field(subPlan, H_KIND) == KIND_STOCKHAM && nf >= 2 &&
    field(subPlan, H_FACTORS) == 4 && field(subPlan, H_FACTORS + nf - 1) == 4;
  setField(blk, S_FUSED, fused ? 1 : 0);
  const f = blk + <usize>filter;
  fft(f, w, subPlan, 0);
  const scale = 1.0 / <f64>m;
  for (let k = 0; k < 2 * m; k++) store<f64>(f + (<usize>k << 3), scale * load<f64>(f + (<usize>k << 3)));
}

// Fills a complex plan for length n in a zeroed block of fftPlanSize(n) bytes at plan.
export function fftPlanInit(plan: usize, n: i32): void {
  setField(plan, H_N, n);
  if (!useBluestein(n)) {
    setField(plan, H_KIND, KIND_STOCKHAM);
    const count = factorize(n, plan);
    const tw = HEADER_BYTES;
    const scratch = tw + align64(16 * <f64>count);
    setField(plan, H_TW, <i32>tw);
    setField(plan, H_SCRATCH, <i32>scratch);
    const nf = field(plan, H_NF);
    let p = plan + <usize>tw;
    let ns = 1;
    let data = scratch + align64(16 * <f64>n);
    for (let s = 0; s < nf; s++) {
      const r = field(plan, H_FACTORS + s);
      for (let k = 0; k < ns; k++) {
        for (let q = 1; q < r; q++) {
          storeTwiddle(p, <i64>q * k, <i64>ns * r);
          p += 16;
        }
      }
      ns *= r;
      if (r >= 7) {
        setField(plan, H_STAGE + s, <i32>data);
        stageInit(plan + <usize>data, r);
        data += stageSize(r);
      }
    }
    return;
  }
  setField(plan, H_KIND, KIND_BLUESTEIN);
  const m = bluesteinLength(n);
  const chirp = HEADER_BYTES;
  const filter = chirp + align64(16 * <f64>n);
  const work = filter + align64(16 * <f64>m);
  const sub = work + align64(16 * <f64>m);
  setField(plan, H_M, m);
  setField(plan, H_CHIRP, <i32>chirp);
  setField(plan, H_FILTER, <i32>filter);
  setField(plan, H_WORK, <i32>work);
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
  fft(plan + <usize>filter, w, subPlan, 0);
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
