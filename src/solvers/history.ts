// History: per-iteration cost, gradient norm, step and time as typed arrays.

/** Per-iteration records of a run as typed arrays of equal length (entry 0 = the start point). */
export interface History {
  cost: Float64Array;
  gradientNorm: Float64Array;
  /** The length of the step that produced each iterate (0 for the start). */
  step: Float64Array;
  /** Milliseconds since the start at which each iterate was recorded. */
  time: Float64Array;
}

/** Appends records into doubling typed arrays; `finish()` returns trimmed copies. */
export class HistoryRecorder {
  private length = 0;
  private data: History = { cost: new Float64Array(64), gradientNorm: new Float64Array(64), step: new Float64Array(64), time: new Float64Array(64) };

  record(cost: number, gradientNorm: number, step: number, time: number): void {
    if (this.length === this.data.cost.length) this.grow();
    const i = this.length++;
    this.data.cost[i] = cost;
    this.data.gradientNorm[i] = gradientNorm;
    this.data.step[i] = step;
    this.data.time[i] = time;
  }

  finish(): History {
    const n = this.length;
    const d = this.data;
    return { cost: d.cost.slice(0, n), gradientNorm: d.gradientNorm.slice(0, n), step: d.step.slice(0, n), time: d.time.slice(0, n) };
  }

  private grow(): void {
    const bigger = (a: Float64Array): Float64Array => {
      const b = new Float64Array(2 * a.length);
      b.set(a);
      return b;
    };
    const d = this.data;
    this.data = { cost: bigger(d.cost), gradientNorm: bigger(d.gradientNorm), step: bigger(d.step), time: bigger(d.time) };
  }
}
