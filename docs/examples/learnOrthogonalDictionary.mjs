import { init, learnOrthogonalDictionary, randomOrthogonal, bernoulliGaussian, gemm, signedPermutationError } from "benign";
await init();
const A0 = randomOrthogonal(8, { seed: 1 });                       // the true orthogonal dictionary
const Y = gemm(A0, bernoulliGaussian(8, 2000, 0.3, { seed: 2 }));  // 2000 samples with 30%-sparse codes
const plain = await learnOrthogonalDictionary(Y, { rounding: false }); // "msp": ℓ⁴ maximization over O(8) alone
console.log(plain.result.reason, signedPermutationError(plain.dictionary, A0).error); // "objective-tolerance" 0.049…: MSP's finite-sample bias
const fit = await learnOrthogonalDictionary(Y);                    // the default: then the ℓ¹ refinement
console.log(fit.refinement.exact, signedPermutationError(fit.dictionary, A0).error < 1e-12); // true true: A0 up to signed permutation
