import { init, learnOrthogonalDictionary, randomOrthogonal, bernoulliGaussian, gemm, signedPermutationError } from "benign";
await init();
const A0 = randomOrthogonal(8, { seed: 1 });                       // the true orthogonal dictionary
const Y = gemm(A0, bernoulliGaussian(8, 2000, 0.3, { seed: 2 }));  // 2000 samples with 30%-sparse codes
const msp = await learnOrthogonalDictionary(Y);                    // "msp": ℓ⁴ maximization over O(8)
console.log(msp.result.reason, signedPermutationError(msp.dictionary, A0).error); // "objective-tolerance" 0.049…: MSP's finite-sample bias
const rounded = await learnOrthogonalDictionary(Y, { rounding: true });  // each atom then LP-rounded
console.log(signedPermutationError(rounded.dictionary, A0).error); // ≈ 4e-15: A0 up to signed permutation
