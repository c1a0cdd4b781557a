// Re-exports of orthogonal dictionary learning.
export { learnOrthogonalDictionary } from "./learn-orthogonal-dictionary.js";
export type {
  LearnOrthogonalDictionaryOptions, OrthogonalDictionaryResult, OrthogonalDictionaryMethod, DictionaryRunRecord,
  AtomRecord, DictionaryIterationInfo, DictionaryStopReason, RefinementRecord, RoundingRecord,
} from "./options.js";
