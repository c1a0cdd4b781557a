import { noRegularizer } from "benign";
const g = noRegularizer();               // g = 0: proximalGradient becomes (accelerated) gradient descent
console.log(g.value(new Float64Array([3])), g.prox(new Float64Array([3]), 1)); // 0 Float64Array [3]
