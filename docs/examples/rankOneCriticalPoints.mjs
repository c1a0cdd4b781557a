import { init, rankOneCriticalPoints, fromRows } from "benign";
await init();
for (const c of rankOneCriticalPoints(fromRows([[2, 1], [1, 2]]), { signs: "positive" })) {
  console.log(c.kind, c.cost, c.point);   // maximizer 2.5 [0, 0]; minimizer 0.25 ±√3·v₁; saddle 2.25 ±1·v₂
}
