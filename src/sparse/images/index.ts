// Re-exports of the image tools of the sparse family: patches, denoising, PSNR.
export { extractPatches, type PatchOptions } from "./extract-patches.js";
export { assemblePatches, type AssemblePatchesOptions } from "./assemble-patches.js";
export { psnr } from "./psnr.js";
export { denoiseImage, type DenoiseImageOptions, type DenoiseImageResult } from "./denoise-image.js";
