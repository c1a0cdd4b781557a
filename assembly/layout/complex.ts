// Complex packing between split arrays (re[], im[]) and the interleaved (re, im) pairs the FFT
// kernels work on: one pass at memory speed, two complex numbers per step (f64x2 shuffles).
// Byte pointers, f64 data, no alignment needed; the arrays must not overlap.

// out[2j] = re[j], out[2j + 1] = im[j] for j < n.
export function interleaveComplex(out: usize, re: usize, im: usize, n: i32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      const r = v128.load(re + o);
      const i = v128.load(im + o);
      v128.store(out + (o << 1), v128.shuffle<f64>(r, i, 0, 2));
      v128.store(out + (o << 1), v128.shuffle<f64>(r, i, 1, 3), 16);
    }
  }
  for (; j < n; j++) {
    const o = <usize>j << 3;
    store<f64>(out + (o << 1), load<f64>(re + o));
    store<f64>(out + (o << 1), load<f64>(im + o), 8);
  }
}

// re[j] = inp[2j], im[j] = inp[2j + 1] for j < n.
export function deinterleaveComplex(re: usize, im: usize, inp: usize, n: i32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      const a = v128.load(inp + (o << 1));
      const b = v128.load(inp + (o << 1), 16);
      v128.store(re + o, v128.shuffle<f64>(a, b, 0, 2));
      v128.store(im + o, v128.shuffle<f64>(a, b, 1, 3));
    }
  }
  for (; j < n; j++) {
    const o = <usize>j << 3;
    store<f64>(re + o, load<f64>(inp + (o << 1)));
    store<f64>(im + o, load<f64>(inp + (o << 1), 8));
  }
}

// re[j] = s·inp[2k], im[j] = s·inp[2k + 1] with k = (n − j) mod n, for j < n: the split form of
// an inverse DFT taken from the forward one, x_j = (1/n)·X_{(n−j) mod n} (s = 1/n), in one pass.
export function deinterleaveComplexReversed(re: usize, im: usize, inp: usize, n: i32, s: f64): void {
  if (n <= 0) return;
  store<f64>(re, s * load<f64>(inp));
  store<f64>(im, s * load<f64>(inp, 8));
  let j = 1;
  if (ASC_FEATURE_SIMD) {
    const sv = f64x2.splat(s);
    // j and j + 1 read the pairs at n − j and n − j − 1.
    for (; j + 2 <= n; j += 2) {
      const pair = inp + (<usize>(n - j - 1) << 4);
      const a = v128.load(pair); // k = n − j − 1
      const b = v128.load(pair, 16); // k = n − j
      const o = <usize>j << 3;
      v128.store(re + o, f64x2.mul(v128.shuffle<f64>(b, a, 0, 2), sv));
      v128.store(im + o, f64x2.mul(v128.shuffle<f64>(b, a, 1, 3), sv));
    }
  }
  for (; j < n; j++) {
    const p = inp + (<usize>(n - j) << 4);
    store<f64>(re + (<usize>j << 3), s * load<f64>(p));
    store<f64>(im + (<usize>j << 3), s * load<f64>(p, 8));
  }
}
