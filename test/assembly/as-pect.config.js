// as-pect runs the kernel specs twice: the SIMD build (as-pect.simd.asconfig.json) and the scalar
// build (as-pect.scalar.asconfig.json), each against plain scalar references written in the specs.
// (The relaxed-SIMD build is covered by the vitest suite, whose workers enable it: as-pect's
// binaryen aborts when compiling the specs with relaxed-simd enabled.)
export default {
  entries: ["test/assembly/**/*.spec.ts"],
  include: ["test/assembly/**/*.include.ts"],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};
