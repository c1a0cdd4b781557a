// `Symbol.dispose`, the method a `using` declaration calls when its scope ends (ECMAScript
// explicit resource management). The handles that hold wasm memory declare it, so TypeScript
// accepts them in `using` declarations. TypeScript declares the symbol in its lib
// "esnext.disposable"; a project compiling with an older lib (e.g. `lib: ["es2022", "dom"]`) and
// `skipLibCheck: false` would reject these declarations (TS2550), so they carry the one
// declaration they need. It is identical to the lib's, and the two merge.
declare global {
  interface SymbolConstructor {
    /** The method a `using` declaration calls at the end of its scope. */
    readonly dispose: unique symbol;
  }
}

/** `Symbol.dispose` where the engine has it, else the registered symbol polyfills use. */
export const disposeSymbol: typeof Symbol.dispose =
  (Symbol as { dispose?: typeof Symbol.dispose }).dispose ?? (Symbol.for("Symbol.dispose") as typeof Symbol.dispose);
