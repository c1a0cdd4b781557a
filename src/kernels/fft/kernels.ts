// The signatures of the FFT kernels (assembly/fft) as the wrappers call them. Pointers are
// byte addresses in wasm memory; sizes are in bytes.

export interface FftKernels {
  fftPlanSize(n: number): number;
  fftPlanInit(plan: number, n: number): void;
  rfftPlanSize(n: number): number;
  rfftPlanInit(plan: number, n: number): void;
  fft(out: number, inp: number, plan: number, inverse: number): void;
  rfft(out: number, inp: number, plan: number): void;
  irfft(out: number, inp: number, plan: number): void;
  interleaveComplex(out: number, re: number, im: number, n: number): void;
  deinterleaveComplex(re: number, im: number, inp: number, n: number): void;
  deinterleaveComplexReversed(re: number, im: number, inp: number, n: number, scale: number): void;
  circularConvolveDirectWorkspaceSize(rows: number, cols: number, arows: number, acols: number): number;
  circularConvolveDirect(
    out: number, x: number, a: number, rows: number, cols: number, arows: number, acols: number,
    work: number, correlate: number,
  ): void;
  circularConvolveFftWorkspaceSize(n: number): number;
  circularConvolveFft(out: number, x: number, a: number, na: number, plan: number, work: number, correlate: number): void;
  circularConvolve2dFftWorkspaceSize(rows: number, cols: number): number;
  circularConvolve2dFft(
    out: number, x: number, a: number, rows: number, cols: number, arows: number, acols: number,
    planRows: number, planCols: number, work: number, correlate: number,
  ): void;
}
