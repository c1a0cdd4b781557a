import { kindFromCurvature } from "benign";
console.log(kindFromCurvature(-2, 3, 1e-6), kindFromCurvature(0.5, 3, 1e-6), kindFromCurvature(0, 3, 1e-6));
// "saddle" "minimizer" "degenerate"
