// Re-exports of the known dictionaries: orthonormal bases and the overcomplete DCT.
export { dctDictionary, dct2dDictionary } from "./dct.js";
export { haarDictionary, type HaarDictionaryOptions } from "./haar.js";
export { fourierDictionary } from "./fourier.js";
export {
  overcompleteDctDictionary, overcompleteDct2dDictionary, type OvercompleteDctOptions, type OvercompleteDct2dOptions,
} from "./overcomplete-dct.js";
