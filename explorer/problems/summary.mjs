// The summary a problem module returns to the page: the solver's record, the final error modulo
// the model's symmetry, and the module's own details.

/** { reason, iterations, time, cost, gradientNorm, history } of a SolverResult, with `error` and `details`. */
export function summaryOf(result, error, details) {
  const { reason, iterations, time, cost, gradientNorm, history } = result;
  return { reason, iterations, time, cost, gradientNorm, error, history, details };
}
