// SpectralGeometry: the shapes of a convolutional model (signal, kernel window, half spectrum)
// and its real transforms on resident buffers, with plans of its own for the whole solve.
import type { ArenaScope } from "../runtime/arena.js";
import type { WasmBuffer } from "../runtime/buffer.js";
import { deconvolutionKernels, type DeconvolutionKernels } from "./kernels.js";

/** A signal of rows×cols samples (1-D: rows = 1) and a kernel window of windowRows×windowCols. */
export interface ConvolutionShape {
  readonly rows: number;
  readonly cols: number;
  readonly windowRows: number;
  readonly windowCols: number;
}

/**
 * The transforms and index maps of one model, y ≈ Σ_k a_k ⊛ x_k (circular, rows×cols), with
 * kernels supported in the window of the first windowRows rows and windowCols columns:
 * - signals are row-major f64 buffers of `size` = rows·cols entries;
 * - spectra are half spectra of `spectrumLength` f64 (1-D: rfft, ⌊m/2⌋ + 1 bins; 2-D: rfft2,
 *   bin-major, see `rfft2Buffer`), the layout of the spectral kernels (assembly/deconvolution);
 * - a padded window is a buffer of `paddedLength` = windowRows·cols entries: the window in its
 *   first windowCols columns, zeros elsewhere (its transform skips the all-zero rows).
 * Plans and workspace are allocated in the scope given (freed with it): the plans live as long
 * as the solve, independent of the shared plan cache.
 */
export class SpectralGeometry implements ConvolutionShape {
  readonly rows: number;
  readonly cols: number;
  readonly windowRows: number;
  readonly windowCols: number;
  readonly size: number;
  readonly windowSize: number;
  readonly paddedLength: number;
  readonly spectrumLength: number;
  /** The number of transforms (forward and inverse) run so far. */
  transforms = 0;
  readonly #k: DeconvolutionKernels;
  readonly #planCols: number;
  readonly #planRows: number;
  readonly #work: number;

  constructor(shape: ConvolutionShape, scope: ArenaScope) {
    const { rows, cols, windowRows, windowCols } = shape;
    this.rows = rows;
    this.cols = cols;
    this.windowRows = windowRows;
    this.windowCols = windowCols;
    this.size = rows * cols;
    this.windowSize = windowRows * windowCols;
    this.paddedLength = windowRows * cols;
    this.spectrumLength = 2 * rows * ((cols >> 1) + 1);
    const k = (this.#k = deconvolutionKernels());
    const plan = (bytes: number): WasmBuffer<"f64"> => scope.f64(Math.ceil(bytes / 8));
    const planCols = plan(k.rfftPlanSize(cols));
    k.rfftPlanInit(planCols.ptr, cols);
    this.#planCols = planCols.ptr;
    if (rows > 1) {
      const planRows = plan(k.fftPlanSize(rows));
      k.fftPlanInit(planRows.ptr, rows);
      this.#planRows = planRows.ptr;
      this.#work = plan(k.rfft2WorkspaceSize(rows, cols)).ptr;
    } else {
      this.#planRows = 0;
      this.#work = 0;
    }
  }

  /** spec ← the half spectrum of the signal at `signal`. */
  forward(spec: number, signal: number): void {
    this.#forward(spec, signal, this.rows);
  }

  /** spec ← the half spectrum of a padded window (rows past the window are taken as zero). */
  forwardPadded(spec: number, padded: number): void {
    this.#forward(spec, padded, this.windowRows);
  }

  /** signal ← the real signal with half spectrum `spec` (not modified). */
  inverse(signal: number, spec: number): void {
    this.#inverse(signal, spec, this.rows);
  }

  /** padded ← the first windowRows rows of the real signal with half spectrum `spec`. */
  inversePadded(padded: number, spec: number): void {
    this.#inverse(padded, spec, this.windowRows);
  }

  /** window ← the window's entries of a padded (or full) signal view. */
  readWindow(window: Float64Array, padded: Float64Array): void {
    const { windowRows, windowCols, cols } = this;
    for (let r = 0; r < windowRows; r++) {
      for (let c = 0; c < windowCols; c++) window[r * windowCols + c] = padded[r * cols + c];
    }
  }

  /** Writes the window's entries into a padded view (its other entries are left as they are: zero). */
  writeWindow(padded: Float64Array, window: Float64Array): void {
    const { windowRows, windowCols, cols } = this;
    for (let r = 0; r < windowRows; r++) {
      for (let c = 0; c < windowCols; c++) padded[r * cols + c] = window[r * windowCols + c];
    }
  }

  #forward(spec: number, signal: number, rows: number): void {
    this.transforms++;
    if (this.rows === 1) this.#k.rfft(spec, signal, this.#planCols);
    else this.#k.rfft2(spec, signal, this.rows, this.cols, rows, this.#planCols, this.#planRows, this.#work);
  }

  #inverse(signal: number, spec: number, rows: number): void {
    this.transforms++;
    if (this.rows === 1) this.#k.irfft(signal, spec, this.#planCols);
    else this.#k.irfft2(signal, spec, this.rows, this.cols, rows, this.#planCols, this.#planRows, this.#work);
  }
}
