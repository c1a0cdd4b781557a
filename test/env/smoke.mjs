// The same checks in every runtime (Node, Deno, Chromium): initialize the bundle, draw from the
// seeded generator and run kernels on its numbers. The caller compares the results across
// runtimes (they must agree bit for bit where the math is exact) and against plain JS.
export async function smoke(benign) {
  const features = await benign.init();
  const rng = new benign.Rng(20261128);
  const uniform = Array.from(rng.uniformArray(8));
  const normal = Array.from(rng.normalArray(8));
  const x = rng.normalArray(1001);
  const y = rng.normalArray(1001);
  let dotPlain = 0;
  for (let i = 0; i < x.length; i++) dotPlain += x[i] * y[i];
  return {
    features,
    uniform,
    normal,
    dot: benign.dot(x, y),
    dotPlain,
    arena: benign.runtime().arena.stats().buffersLive,
  };
}
