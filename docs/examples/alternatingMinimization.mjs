import { init, alternatingMinimization } from "benign";
await init();
// min (x − 1)² + (y − 2)² + xy by exact coordinate updates: x = 1 − y/2, y = 2 − x/2.
const problem = {
  blocks: [
    { name: "x", update: ({ y }) => 1 - y / 2 },
    { name: "y", update: ({ x }) => 2 - x / 2 },
  ],
  cost: ({ x, y }) => (x - 1) ** 2 + (y - 2) ** 2 + x * y,
};
const { point, reason } = await alternatingMinimization(problem, { x: 0, y: 0 }, { gradientTolerance: 1e-12 });
console.log(reason, point);              // "gradient-tolerance" { x: ≈ 0, y: ≈ 2 }
