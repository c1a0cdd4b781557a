// The same pool check in Deno and Chromium (module Web Workers): the completion preset on two
// workers and in the calling thread, through the built bundle. The caller compares the two.
export async function poolCheck(benign) {
  const features = await benign.init();
  const options = { problem: "completion", grid: { rows: [30], cols: [30], rank: [1, 3], sampling: [0.2, 0.6] }, trials: 2, seed: 7 };
  const one = await benign.phaseTransition({ ...options, workers: 1 });
  const two = await benign.phaseTransition({ ...options, workers: 2 });
  // JSON-safe records without the trial times (Infinity, for an underdetermined trial, as a string).
  const plain = (result) =>
    result.records.map(({ time, record, ...rest }) => ({ ...rest, record: { ...record, relativeError: String(record.relativeError) } }));
  return {
    features,
    workers: [one.workers, two.workers],
    one: plain(one),
    two: plain(two),
    rates: two.rates.map((r) => r.rate),
    buffersLive: benign.runtime().arena.stats().buffersLive,
  };
}
