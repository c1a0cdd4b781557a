// Hard-thresholding, the proximal operator of the ℓ0 penalty (t²/2)·‖·‖₀:
//   outᵢ = xᵢ if |xᵢ| > t, else 0.
// Tie rule: |xᵢ| = t gives 0 (the comparison is strict). Zeros of the output are +0. NaN
// entries propagate: the kernel zeroes where |xᵢ| ≤ t, which is false for NaN.
// Layout: contiguous f64 arrays of n entries; `out` may equal `x` (in place) but must not
// otherwise overlap it. Branch-free on f64x2 (andnot with the mask |x| ≤ t).

// x where |x| > t, else +0 (andnot with the mask |x| ≤ t, which is false for NaN).
// @ts-ignore: decorator
@inline function hard2(v: v128, t: v128): v128 {
  return v128.andnot(v, f64x2.le(f64x2.abs(v), t));
}

// hardThreshold: out[i] = |x[i]| > t ? x[i] : 0 for i < n, scalar t ≥ 0. Returns out.
export function hardThreshold(out: usize, x: usize, t: f64, n: i32): usize {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const tv = f64x2.splat(t);
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 3;
      const v0 = v128.load(x + o);
      const v1 = v128.load(x + o, 16);
      const v2 = v128.load(x + o, 32);
      const v3 = v128.load(x + o, 48);
      v128.store(out + o, hard2(v0, tv));
      v128.store(out + o, hard2(v1, tv), 16);
      v128.store(out + o, hard2(v2, tv), 32);
      v128.store(out + o, hard2(v3, tv), 48);
    }
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      v128.store(out + o, hard2(v128.load(x + o), tv));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const v = load<f64>(x + o);
    store<f64>(out + o, select<f64>(0.0, v, abs<f64>(v) <= t));
  }
  return out;
}

// keepLargest: keeps the k entries of x largest in magnitude and zeroes the rest (the
// Euclidean projection onto k-sparse vectors). Ties at the k-th largest magnitude keep the
// lowest indices, so exactly min(k, n) entries are kept. x must hold no NaN (the wrapper
// checks); 0 ≤ k ≤ n. ws: workspace of n f64 (keepLargestWorkspaceSize). `out` may equal `x`.
// Algorithm: copy |x| into ws, find the k-th largest magnitude τ by quickselect (Hoare
// partition, median-of-3 pivot; Wirth, "Algorithms + Data Structures = Programs", 1976),
// count the entries above τ, then one pass keeps those and the first ties. O(n) expected.
export function keepLargest(out: usize, x: usize, n: i32, k: i32, ws: usize): usize {
  if (k >= n) {
    if (out != x) memory.copy(out, x, <usize>n << 3);
    return out;
  }
  if (k <= 0) {
    memory.fill(out, 0, <usize>n << 3);
    return out;
  }
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(ws + o, abs<f64>(load<f64>(x + o)));
  }
  const tau = selectRank(ws, n, n - k);
  let above = 0;
  for (let i = 0; i < n; i++) {
    if (abs<f64>(load<f64>(x + (<usize>i << 3))) > tau) above++;
  }
  let ties = k - above;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const v = load<f64>(x + o);
    const a = abs<f64>(v);
    let keep = a > tau;
    if (!keep && a == tau && ties > 0) {
      keep = true;
      ties--;
    }
    store<f64>(out + o, keep ? v : 0.0);
  }
  return out;
}

// keepLargestWorkspaceSize: f64 entries of workspace keepLargest needs for length n.
export function keepLargestWorkspaceSize(n: i32): i32 {
  return n;
}

// The value of rank p (0-based, ascending) among a[0..n), reordering a. No NaN in a.
function selectRank(a: usize, n: i32, p: i32): f64 {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = lo + ((hi - lo) >> 1);
    const pivot = median3(at(a, lo), at(a, mid), at(a, hi));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (at(a, i) < pivot) i++;
      while (at(a, j) > pivot) j--;
      if (i <= j) {
        const t = at(a, i);
        store<f64>(a + (<usize>i << 3), at(a, j));
        store<f64>(a + (<usize>j << 3), t);
        i++;
        j--;
      }
    }
    // Now a[lo..j] ≤ pivot ≤ a[i..hi] and a[j+1..i-1] = pivot.
    if (p <= j) hi = j;
    else if (p >= i) lo = i;
    else return pivot;
  }
  return at(a, p);
}

// @ts-ignore: decorator
@inline function at(a: usize, i: i32): f64 {
  return load<f64>(a + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline function median3(a: f64, b: f64, c: f64): f64 {
  return max<f64>(min<f64>(a, b), min<f64>(max<f64>(a, b), c));
}
