// The electrocardiogram experiment's plain-JS parts, shared by the report section, its test and
// the bench: the built-in record, baseline removal, a simple R-peak detector, the beats an
// activation marks, and the matching of two beat lists within a tolerance.
import { readFileSync } from "node:fs";

/** Sampling rate of data/ecg_360hz.f32 (MIT-BIH record 208, lead MLII, first 5 minutes). */
export const ECG_RATE = 360;

/** The built-in ECG in mV (108,000 samples at 360 Hz), decoded by the library's parseFloat32. */
export function ecgRecord(benign) {
  return benign.parseFloat32(new Uint8Array(readFileSync(new URL("../data/ecg_360hz.f32", import.meta.url))));
}

/** The median of x over a centred window of `width` samples (odd), by a sorted sliding window. */
function medianFilter(x, width) {
  const half = width >> 1, n = x.length;
  const at = (i) => x[Math.min(n - 1, Math.max(0, i))]; // edges repeat the end samples
  const window = [];
  for (let i = -half; i <= half; i++) window.push(at(i));
  window.sort((a, b) => a - b);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = window[half];
    const leaving = at(i - half), entering = at(i + half + 1);
    window.splice(lowerBound(window, leaving), 1);
    window.splice(lowerBound(window, entering), 0, entering);
  }
  return out;
}

function lowerBound(sorted, v) {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The ECG minus its baseline wander, the baseline estimated by two cascaded median filters of
 * 200 ms and 600 ms (de Chazal, O'Dwyer & Reilly, IEEE TBME 2004): the first removes the QRS
 * complexes and P waves, the second the T waves, leaving the slow drift.
 */
export function removeBaseline(x, rate = ECG_RATE) {
  const odd = (ms) => 2 * Math.round((ms * rate) / 2000) + 1;
  const baseline = medianFilter(medianFilter(x, odd(200)), odd(600));
  return x.map((v, i) => v - baseline[i]);
}

/**
 * R peaks by a Pan–Tompkins-like detector (Pan & Tompkins, IEEE TBME 1985, simplified): a band
 * pass (the difference of moving averages of 3 and 30 ms ≈ 5–25 Hz), the derivative, squaring, a
 * 150 ms moving-window integration; QRS candidates where the integrated signal exceeds 10% of its
 * 99th percentile, one per 250 ms refractory period (the largest), each placed at the largest
 * |band-passed| sample within ±75 ms. Returns sample indices, ascending.
 */
export function detectRPeaks(x, rate = ECG_RATE, fraction = 0.1) {
  const n = x.length;
  const movingAverage = (v, width) => {
    const out = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      s += v[i] - (i >= width ? v[i - width] : 0);
      out[i] = s / Math.min(i + 1, width);
    }
    return out;
  };
  const fast = movingAverage(x, Math.max(1, Math.round(0.003 * rate))), slow = movingAverage(x, Math.round(0.03 * rate));
  const band = fast.map((v, i) => v - slow[i]);
  const energy = band.map((v, i) => (i === 0 ? 0 : (v - band[i - 1]) ** 2));
  const integrated = movingAverage(energy, Math.round(0.15 * rate));
  const sorted = Float64Array.from(integrated).sort();
  const threshold = fraction * sorted[Math.floor(0.99 * (n - 1))];
  const peaks = peaksAbove(integrated, threshold, Math.round(0.25 * rate));
  const reach = Math.round(0.075 * rate);
  return peaks.map((p) => {
    let best = p;
    for (let i = Math.max(0, p - 2 * reach); i <= Math.min(n - 1, p + reach); i++) if (Math.abs(band[i]) > Math.abs(band[best])) best = i;
    return best;
  }).sort((a, b) => a - b);
}

/**
 * Local peaks of v above `threshold`, greedily from the largest, keeping those at least
 * `refractory` samples from every kept one. Returns indices, ascending.
 */
export function peaksAbove(v, threshold, refractory) {
  const candidates = [];
  for (let i = 0; i < v.length; i++) if (v[i] > threshold && (i === 0 || v[i] >= v[i - 1]) && (i + 1 === v.length || v[i] >= v[i + 1])) candidates.push(i);
  candidates.sort((a, b) => v[b] - v[a]);
  const taken = new Uint8Array(v.length);
  const kept = [];
  for (const i of candidates) {
    let free = true;
    for (let j = Math.max(0, i - refractory + 1); j < Math.min(v.length, i + refractory) && free; j++) if (taken[j]) free = false;
    if (!free) continue;
    taken[i] = 1;
    kept.push(i);
  }
  return kept.sort((a, b) => a - b);
}

/**
 * The beats an activation marks: its peaks above a fifth of its 99th percentile (of the positive
 * part, the sign of the kernel fixed so that the R wave is positive) with a 250 ms refractory
 * period, moved by `offset` (the R wave's index in the kernel's window: a spike at t puts the R
 * wave at t + offset).
 */
export function activationBeats(x, offset, rate = ECG_RATE) {
  const positive = x.map((v) => Math.max(0, v));
  const sorted = Float64Array.from(positive).sort();
  const threshold = 0.2 * sorted[Math.floor(0.99 * (sorted.length - 1))];
  return peaksAbove(positive, threshold, Math.round(0.25 * rate)).map((t) => (t + offset) % x.length);
}

/**
 * The median beat: for each of `length` samples from `before` samples ahead of the R peak, the
 * median over the beats (those whose window fits in the record) — a template of the record's beat.
 */
export function medianBeat(x, rPeaks, length, before) {
  const beats = rPeaks.filter((r) => r >= before && r - before + length <= x.length);
  return new Float64Array(length).map((_, i) => {
    const values = beats.map((r) => x[r - before + i]).sort((p, q) => p - q);
    return values[values.length >> 1];
  });
}

/**
 * Greedy one-to-one matching of `found` to `reference` beats within ±tolerance samples (nearest
 * first): { matched, precision, recall }.
 */
export function matchBeats(found, reference, tolerance) {
  const used = new Uint8Array(reference.length);
  let matched = 0;
  let j = 0;
  for (const f of found) {
    while (j < reference.length && reference[j] < f - tolerance) j++;
    let best = -1;
    for (let k = j; k < reference.length && reference[k] <= f + tolerance; k++) {
      if (!used[k] && (best < 0 || Math.abs(reference[k] - f) < Math.abs(reference[best] - f))) best = k;
    }
    if (best >= 0) {
      used[best] = 1;
      matched++;
    }
  }
  return { matched, precision: found.length === 0 ? 0 : matched / found.length, recall: reference.length === 0 ? 0 : matched / reference.length };
}
