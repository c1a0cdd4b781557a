// The build inlines each .wasm file as its bytes (esbuild's binary loader; a vitest plugin in tests).
declare module "*.wasm" {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
