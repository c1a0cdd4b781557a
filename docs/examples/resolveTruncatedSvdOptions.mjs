import { resolveTruncatedSvdOptions } from "benign";
console.log(resolveTruncatedSvdOptions({ powerIterations: 5 })); // every option with its default filled in
try {
  resolveTruncatedSvdOptions({ oversampling: -1 });
} catch (e) {
  console.log(e.message);                // rejected before any work, naming the option
}
