// 2-D real DFT of an R×C real image (row-major) and its inverse, on the half spectrum stored
// bin-major: B = ⌊C/2⌋ + 1 column frequencies b, each a contiguous column of R row frequencies,
//   S[b·R + i] = Σ_{r<R, c<C} x[r·C + c]·e^{−2πi·(r·i/R + c·b/C)}      (i < R, b < B),
// the bins with b > C/2 following from S(i, C − b) = conj S((R − i) mod R, b). The forward
// transform is R real FFTs of length C (rows), a tiled transpose, then B complex FFTs of length
// R in place; the inverse runs the same steps backwards (complex inverse FFTs normalized by 1/R,
// real inverse FFTs by 1/C, so irfft2(rfft2(x)) = x). Only some rows may matter: the forward
// transform reads the first `nonzeroRows` rows of x and treats the others as zero (a kernel in
// a small window of a large image), the inverse writes only the first `outRows` rows (the
// window of a correlation); both skip the row transforms of the other rows.
// Plans: planCols from rfftPlanInit(C), planRows from fftPlanInit(R). Pointers are byte
// addresses; x, out and spec are f64 (spectra interleaved complex, 16 bytes per entry).
import { transposeComplex } from "./convolve";
import { irfft, rfft } from "./real";
import { fft } from "./transform";

// Bytes of workspace rfft2 and irfft2 need for an R×C image.
export function rfft2WorkspaceSize(rows: i32, cols: i32): f64 {
  return 2 * 16 * <f64>rows * <f64>((cols >> 1) + 1);
}

// out: B·R complex (bin-major, above); x: at least nonzeroRows×C reals (row-major), rows
// below nonzeroRows taken as zero; 0 ≤ nonzeroRows ≤ R. out must not overlap x or work.
export function rfft2(
  out: usize, x: usize, rows: i32, cols: i32, nonzeroRows: i32, planCols: usize, planRows: usize, work: usize,
): void {
  const bins = (cols >> 1) + 1;
  for (let r = 0; r < nonzeroRows; r++) {
    rfft(work + (<usize>(r * bins) << 4), x + (<usize>(r * cols) << 3), planCols);
  }
  transposeComplex(out, rows, work, bins, nonzeroRows, bins);
  if (nonzeroRows < rows) {
    for (let b = 0; b < bins; b++) {
      memory.fill(out + (<usize>(b * rows + nonzeroRows) << 4), 0, <usize>(rows - nonzeroRows) << 4);
    }
  }
  for (let b = 0; b < bins; b++) {
    const column = out + (<usize>(b * rows) << 4);
    fft(column, column, planRows, 0);
  }
}

// out: outRows×C reals, the first outRows rows of the inverse transform of spec (B·R complex,
// bin-major; not modified); 0 ≤ outRows ≤ R. out must not overlap spec or work.
export function irfft2(
  out: usize, spec: usize, rows: i32, cols: i32, outRows: i32, planCols: usize, planRows: usize, work: usize,
): void {
  const bins = (cols >> 1) + 1;
  const columns = work;
  const rowsBuf = work + (<usize>(bins * rows) << 4);
  for (let b = 0; b < bins; b++) {
    const o = <usize>(b * rows) << 4;
    fft(columns + o, spec + o, planRows, 1);
  }
  // The first outRows entries of every column become the rows of rowsBuf (outRows×B).
  transposeComplex(rowsBuf, bins, columns, rows, bins, outRows);
  for (let r = 0; r < outRows; r++) {
    irfft(out + (<usize>(r * cols) << 3), rowsBuf + (<usize>(r * bins) << 4), planCols);
  }
}
