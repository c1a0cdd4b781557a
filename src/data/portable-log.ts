// Natural logarithm from + − × ÷ and exact bit manipulation only, so the result is the same
// bit pattern in every JavaScript engine (Math.log is not required to be; see ECMA-262
// §21.3.2: "implementation-approximated"). Used by the normal generator.
//
// x = 2^e · m with m in [√½, √2); ln x = e·ln 2 + 2·atanh(f), f = (m − 1)/(m + 1), |f| < 0.1716,
// atanh(f) = f + f³/3 + f⁵/5 + …; 13 terms bring the truncation below 1e-19 relative.

const LN2_HI = 6.93147180369123816490e-1; // ln 2 split so that e·LN2_HI is exact (fdlibm)
const LN2_LO = 1.90821492927058770002e-10;
// The bits of a double through two views of one buffer; HIGH indexes the word holding the sign,
// exponent and top of the mantissa, whichever the platform's byte order.
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;
// 1/k for the odd k of the series, computed once (the same correctly rounded quotients as inline).
const INVERSE_ODD = Float64Array.from({ length: 13 }, (_, j) => 1 / (2 * j + 1));

/** ln(x) for finite x > 0, reproducible bit for bit across engines. */
export function portableLog(x: number): number {
  bits[0] = x;
  let high = words[HIGH];
  let e = (high >>> 20) - 1023;
  if (e === -1023) {
    // Subnormal: scale by 2^54 first.
    return portableLog(x * 18014398509481984) - 54 * (LN2_HI + LN2_LO);
  }
  // Put the mantissa into [1, 2) by setting the exponent bits to 1023.
  high = (high & 0x000fffff) | 0x3ff00000;
  words[HIGH] = high;
  let m = bits[0];
  if (m > Math.SQRT2) {
    m *= 0.5;
    e += 1;
  }
  const f = (m - 1) / (m + 1);
  const f2 = f * f;
  let series = 0;
  for (let j = 12; j >= 1; j--) series = (series + INVERSE_ODD[j]) * f2;
  const atanh = f + f * series;
  return e * LN2_HI + (2 * atanh + e * LN2_LO);
}
