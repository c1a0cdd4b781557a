// The sparse-model family: sparse coding, dictionary learning, orthogonal dictionary learning.
export { randomDictionary, type RandomDictionaryOptions } from "./random-dictionary.js";
export * from "./orthogonal/index.js";
