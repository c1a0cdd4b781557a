import { yieldToEventLoop } from "benign";
let ticked = false;
setTimeout(() => (ticked = true), 0);
const start = Date.now();
while (!ticked && Date.now() - start < 1000) {
  for (let k = 0; k < 1e6; k++);         // a slice of long work…
  await yieldToEventLoop();              // …then let timers and input in
}
console.log(ticked);                     // true
