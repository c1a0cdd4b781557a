// as-pect runs the kernel tests twice: with SIMD (this config) and as the scalar build
// (as-pect.scalar.config.js); both compare every kernel against plain scalar references.
export default {
  entries: ["test/assembly/**/*.spec.ts"],
  include: ["test/assembly/**/*.include.ts"],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};
