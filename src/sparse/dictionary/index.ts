// Re-exports of dictionary learning.
export { learnDictionary } from "./learn-dictionary.js";
export type {
  LearnDictionaryOptions, DictionaryLearningResult, DictionaryLearningRecord, DictionaryLearningMethod, DictionaryCoding,
  DictionaryLearningStopReason,
} from "./options.js";
