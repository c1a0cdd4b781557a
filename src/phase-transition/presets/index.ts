// The presets of phaseTransition, by the name `problem` gives. A new preset is one file here and one line below.
import { completionPreset } from "./completion.js";
import { orthogonalDictionaryPreset } from "./orthogonal-dictionary.js";
import { deconvolutionPreset } from "./deconvolution.js";
import type { Preset } from "./preset.js";

export const PRESETS: Readonly<Record<string, Preset<unknown>>> = {
  completion: completionPreset as Preset<unknown>,
  "orthogonal-dictionary": orthogonalDictionaryPreset as Preset<unknown>,
  deconvolution: deconvolutionPreset as Preset<unknown>,
};
