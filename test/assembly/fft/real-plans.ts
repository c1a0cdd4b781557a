// The plans and workspace of the 2-D real transforms of a rows×cols image (shared by the specs).
import { fftPlanInit, fftPlanSize, rfftPlanInit, rfftPlanSize } from "../../../assembly/fft/plan";
import { rfft2WorkspaceSize } from "../../../assembly/fft/real2d";
import { ptr } from "../helpers";

export class RealPlans {
  /** The real plan of the rows (length cols). */
  cols: Float64Array;
  /** The complex plan of the columns (length rows). */
  rows: Float64Array;
  work: Float64Array;
  constructor(rows: i32, cols: i32) {
    const pc = new Float64Array(<i32>Math.ceil(rfftPlanSize(cols) / 8));
    rfftPlanInit(ptr(pc), cols);
    const pr = new Float64Array(<i32>Math.ceil(fftPlanSize(rows) / 8));
    fftPlanInit(ptr(pr), rows);
    this.cols = pc;
    this.rows = pr;
    this.work = new Float64Array(<i32>Math.ceil(rfft2WorkspaceSize(rows, cols) / 8));
  }
}
