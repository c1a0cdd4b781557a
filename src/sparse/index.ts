// The sparse-model family: sparse coding, dictionary learning, orthogonal dictionary learning.
export { randomDictionary, type RandomDictionaryOptions } from "./random-dictionary.js";
export * from "./dictionaries/index.js";
export { sparseCode, type SparseCodeOptions, type SparseCodeResult } from "./sparse-code.js";
export type { SparseCodeMethod, SparseCodeMethodOptions } from "./coding/options.js";
export * from "./orthogonal/index.js";
export * from "./dictionary/index.js";
export * from "./images/index.js";
