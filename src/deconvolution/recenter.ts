// Re-centring kernels in their windows: the signed-shift symmetry a ⊛ x = (Sₛa) ⊛ (S₋ₛx) used to
// keep a kernel from drifting against the edge of its window during a homotopy.
import type { ConvolutionalModel } from "./model.js";

/**
 * For each kernel, the kernelRows×kernelCols block of its window with the most energy; when that
 * block is not at the window's centre, the kernel is moved by the offset s (a′[j] = a[j + s],
 * zero where j + s leaves the window) and its activations (one per signal) the other way (x′[k] = x[(k − s) mod m],
 * circularly), so that a′ ⊛ x′ = a ⊛ x except for the part of a pushed out of the window, then
 * a′ is renormalized (and x′ scaled by the norm it had, which keeps the product). Returns the
 * number of kernels moved. Spectra are recomputed when anything moved.
 *
 * Why: the window is three times the kernel so that a shifted copy of the truth fits in it
 * (Lau et al. 2020), but nothing keeps an iterate from sliding until part of it is cut off by
 * the window's edge, where it stays (a spurious minimum with a truncated kernel); moving it back
 * between homotopy stages costs O(window + m) and two transforms.
 */
export function recenterKernels(model: ConvolutionalModel, kernelRows: number, kernelCols: number): number {
  const { windowRows, windowCols, rows, cols } = model.geometry;
  const top = (windowRows - kernelRows) >> 1;
  const left = (windowCols - kernelCols) >> 1;
  let moved = 0;
  for (let k = 0; k < model.count; k++) {
    const a = model.a[k];
    // Block energies by a summed-area table of a².
    const sat = new Float64Array((windowRows + 1) * (windowCols + 1));
    const W = windowCols + 1;
    for (let i = 0; i < windowRows; i++) {
      for (let j = 0; j < windowCols; j++) {
        sat[(i + 1) * W + j + 1] = a[i * windowCols + j] ** 2 + sat[i * W + j + 1] + sat[(i + 1) * W + j] - sat[i * W + j];
      }
    }
    let best = -1, br = top, bc = left;
    for (let i = 0; i + kernelRows <= windowRows; i++) {
      for (let j = 0; j + kernelCols <= windowCols; j++) {
        const e = sat[(i + kernelRows) * W + j + kernelCols] - sat[i * W + j + kernelCols] - sat[(i + kernelRows) * W + j] + sat[i * W + j];
        // Ties (and near-ties) go to the block closest to the centre.
        if (e > best * (1 + 1e-12) || (e >= best * (1 - 1e-12) && Math.abs(i - top) + Math.abs(j - left) < Math.abs(br - top) + Math.abs(bc - left))) {
          best = e;
          br = i;
          bc = j;
        }
      }
    }
    const sr = br - top, sc = bc - left;
    if (sr === 0 && sc === 0) continue;
    const shifted = new Float64Array(a.length);
    let norm2 = 0;
    for (let i = 0; i < windowRows; i++) {
      const r = i + sr;
      if (r < 0 || r >= windowRows) continue;
      for (let j = 0; j < windowCols; j++) {
        const c = j + sc;
        if (c < 0 || c >= windowCols) continue;
        shifted[i * windowCols + j] = a[r * windowCols + c];
        norm2 += shifted[i * windowCols + j] ** 2;
      }
    }
    if (norm2 === 0) continue;
    const norm = Math.sqrt(norm2);
    model.a[k] = shifted.map((v) => v / norm);
    for (let s = 0; s < model.signals; s++) {
      const x = model.x[model.at(s, k)].view;
      const old = x.slice();
      for (let i = 0; i < rows; i++) {
        const r = (((i - sr) % rows) + rows) % rows;
        for (let j = 0; j < cols; j++) x[i * cols + j] = norm * old[r * cols + ((((j - sc) % cols) + cols) % cols)];
      }
    }
    moved++;
  }
  if (moved > 0) model.syncSpectra();
  return moved;
}
