// Complex arithmetic on one f64x2 = (re, im). Area-local SIMD helpers: call them only inside
// `if (ASC_FEATURE_SIMD)` blocks (the scalar build removes those blocks at compile time).
import { fma2 } from "../simd";

// i·a = (−im, re).
// @ts-ignore: decorator
@inline export function mulI(a: v128): v128 {
  return v128.xor(v128.shuffle<f64>(a, a, 1, 0), f64x2(-0.0, 0.0));
}

// −i·a = (im, −re).
// @ts-ignore: decorator
@inline export function mulNegI(a: v128): v128 {
  return v128.xor(v128.shuffle<f64>(a, a, 1, 0), f64x2(0.0, -0.0));
}

// conj(a) = (re, −im).
// @ts-ignore: decorator
@inline export function conj(a: v128): v128 {
  return v128.xor(a, f64x2(0.0, -0.0));
}

// a·w where w = (wr, wi) is stored at byte address p: a·wr + (i·a)·wi.
// @ts-ignore: decorator
@inline export function cmulAt(a: v128, p: usize): v128 {
  return fma2(mulI(a), v128.load64_splat(p, 8), f64x2.mul(a, v128.load64_splat(p)));
}

// a·b for two complex numbers in registers.
// @ts-ignore: decorator
@inline export function cmul(a: v128, b: v128): v128 {
  const br = v128.shuffle<f64>(b, b, 0, 0);
  const bi = v128.shuffle<f64>(b, b, 1, 1);
  return fma2(mulI(a), bi, f64x2.mul(a, br));
}

// a·conj(b).
// @ts-ignore: decorator
@inline export function cmulConj(a: v128, b: v128): v128 {
  const br = v128.shuffle<f64>(b, b, 0, 0);
  const bi = v128.shuffle<f64>(b, b, 1, 1);
  return f64x2.sub(f64x2.mul(a, br), f64x2.mul(mulI(a), bi));
}
