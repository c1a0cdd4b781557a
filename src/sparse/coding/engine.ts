// CodingEngine: what a sparse coding method supplies to the shared driver (codeColumns).

/**
 * A method's part of a sparse coding: its per-row state (allocated from the context's working
 * set), the start of newly loaded rows, one iteration on all rows in use, and writing a code out.
 * The driver (codeColumns) owns the loading of b = Aᵀy and ‖y‖², the stop decisions, the record.
 */
export interface CodingEngine {
  /** Sets the method's state of rows r0 … r0+m, whose b, ‖y‖² and scale are loaded. */
  load(r0: number, m: number): void;
  /**
   * Fills `measure` and `objective` of rows r0 … r0+m at their start codes (before any
   * iteration): the driver's first pass over all columns. Absent when the start values are
   * known without loading ("omp": ‖y‖).
   */
  evaluateStart?(r0: number, m: number): void;
  /**
   * One iteration on every row in use: afterwards `measure`, `objective`, `step` and `verdict`
   * of each row hold its new values.
   */
  advance(): void;
  /** Writes the code of row r into its column of X (the current iterate for unfinished rows). */
  store(r: number): void;
}
