// Fuzz over the public API: every exported function (listed by the TypeScript compiler, as the
// docs test does) is called from a valid call (valid-arguments.ts) with one argument at a time
// replaced by a bad value: undefined, null, NaN, ±Infinity, -1, 1.5, 2⁴⁰, "x", {}, [], and per
// kind of argument a Float64Array or Int32Array of the wrong length, a matrix of the wrong shape
// or with too little data, a disposed wasm buffer or one of the wrong element kind, an options
// object with an unknown key or with an option of the wrong type.
//
// Each call must either succeed or throw (reject) a TypeError or RangeError whose message follows
// the library's convention — `invalid <argument>…` naming the argument (or the option), or
// `unknown option <key> in …` — never another error (an engine TypeError such as "Cannot read
// properties of null" fails). Where the bad value has another kind than any valid one (a string for
// a matrix, a number for an options object, a disposed buffer, …) the call must throw. After every
// call the arena's bytesLive is back to its value before, and after each function a canary
// computation (gemm and fft against plain loops) still gives the right numbers.
import { beforeAll, describe, expect, test } from "vitest";
import ts from "typescript";
import * as b from "../../src/index.js";
import { WasmBuffer } from "../../src/index.js";
import { publicApi } from "../docs/public-api.js";
import { NO_ARGUMENTS, VALID, type Owner } from "./valid-arguments.js";

interface Parameter {
  name: string;
  optional: boolean;
  nullable: boolean;
}
interface Bad {
  label: string;
  value: (owner: Owner) => unknown;
  mustThrow: boolean;
  /** A value of the right kind that disagrees with another argument: the message may name either. */
  mismatch?: boolean;
  /** For an option: its key, which the message must name instead of the parameter. */
  option?: string;
}

let parameters: Map<string, Parameter[]>;
let functionNames: string[];

beforeAll(async () => {
  await b.init();
  const { checker, exports } = publicApi();
  functionNames = exports.filter((e) => e.isFunction).map((e) => e.name);
  parameters = new Map();
  for (const e of exports.filter((x) => x.isFunction)) {
    const signature = checker.getTypeOfSymbol(e.symbol).getCallSignatures()[0];
    parameters.set(e.name, signature.parameters.map((p) => {
      const declaration = p.valueDeclaration as ts.ParameterDeclaration;
      const type = checker.getTypeOfSymbolAtLocation(p, declaration);
      const nullable = type.isUnion() && type.types.some((t) => (t.flags & ts.TypeFlags.Null) !== 0);
      return { name: p.name, optional: declaration.questionToken !== undefined || declaration.initializer !== undefined, nullable };
    }));
  }
}, 60_000);

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === "object" && Object.getPrototypeOf(x) === Object.prototype;
const isMatrix = (x: unknown): x is b.Matrix => isPlainObject(x) && typeof x.rows === "number" && typeof x.cols === "number" && x.data instanceof Float64Array;
const isOptions = (x: unknown, p: Parameter): boolean => isPlainObject(x) && !isMatrix(x) && (p.optional || p.name === "options");

/** The bad values for a parameter whose valid value is `valid`. */
function badValues(valid: unknown, p: Parameter): Bad[] {
  const kind = Array.isArray(valid) ? "array" : valid instanceof WasmBuffer ? "buffer" : ArrayBuffer.isView(valid) ? "typed" : typeof valid;
  const numeric = kind === "number";
  const list: Bad[] = [
    { label: "undefined", value: () => undefined, mustThrow: !p.optional },
    { label: "null", value: () => null, mustThrow: !p.nullable },
    ...[NaN, Infinity, -Infinity, -1, 1.5, 2 ** 40].map((x) => ({
      label: String(x), value: () => x, mustThrow: !numeric && kind !== "undefined",
      // A size too large for memory, or a bound beyond another bound: about the combination.
      mismatch: numeric && (x === 2 ** 40 || x === Infinity || x === 1.5),
    })),
    { label: '"x"', value: () => "x", mustThrow: kind !== "string" && kind !== "undefined" },
    // An empty object or array where a plain object (a state) goes may be reported against the
    // argument it no longer matches (alternatingMinimization's blocks against initialState).
    { label: "{}", value: () => ({}), mustThrow: !p.optional && p.name !== "options" && kind !== "undefined", mismatch: isPlainObject(valid) && !isMatrix(valid) },
    { label: "[]", value: () => [], mustThrow: kind !== "array" && kind !== "undefined" && kind !== "object", mismatch: isPlainObject(valid) && !isMatrix(valid) },
  ];
  if (valid instanceof Float64Array && valid.length > 0) {
    list.push({ label: "Float64Array one longer", mismatch: true, value: () => new Float64Array(valid.length + 1), mustThrow: false });
    list.push({ label: "Float64Array with NaN", value: () => Float64Array.from(valid, (x, i) => (i === 0 ? NaN : x)), mustThrow: false });
  }
  if (valid instanceof Int32Array && valid.length > 0) {
    list.push({ label: "Int32Array one longer", mismatch: true, value: () => new Int32Array(valid.length + 1), mustThrow: false });
    list.push({ label: "Int32Array with -1", value: () => Int32Array.from(valid, (x, i) => (i === 0 ? -1 : x)), mustThrow: false });
  }
  if (isMatrix(valid)) {
    list.push({ label: "matrix one row more", mismatch: true, value: () => b.matrix(valid.rows + 1, valid.cols), mustThrow: false });
    list.push({ label: "matrix with too little data", value: () => ({ rows: valid.rows, cols: valid.cols, data: new Float64Array(valid.rows * valid.cols - 1) }), mustThrow: true });
    list.push({ label: "matrix with NaN", value: () => ({ rows: valid.rows, cols: valid.cols, data: valid.data.map((x, i) => (i === 0 ? NaN : x)) }), mustThrow: false });
  }
  if (valid instanceof WasmBuffer) {
    list.push({ label: "disposed buffer", value: ({ scope }) => { const d = scope.f64(valid.length); d.dispose(); return d; }, mustThrow: true });
    list.push({ label: "buffer of the other kind", value: ({ scope }) => (valid.kind === "f64" ? scope.i32(valid.length) : scope.f64(valid.length)), mustThrow: true });
    list.push({ label: "buffer one shorter", mismatch: true, value: ({ scope }) => (valid.kind === "f64" ? scope.f64(Math.max(0, valid.length - 1)) : scope.i32(Math.max(0, valid.length - 1))), mustThrow: false });
  }
  if (isOptions(valid, p)) {
    const options = valid as Record<string, unknown>;
    list.push({ label: "unknown option", value: () => ({ ...options, notAnOption: 1 }), mustThrow: true, option: "notAnOption" });
    for (const key of Object.keys(options)) {
      const good = options[key];
      if (good instanceof Function) continue;
      const wrong = typeof good === "string" ? 42 : "x";
      list.push({ label: `option ${key}: ${JSON.stringify(wrong)}`, value: () => ({ ...options, [key]: wrong }), mustThrow: true, option: key });
    }
  }
  return list;
}

/**
 * Null if `error` follows the convention and names `name` (an argument or an option; `null` for
 * an options object, whose errors name the option), else what is wrong.
 */
function conventional(error: unknown, name: string | string[] | null): string | null {
  if (!(error instanceof TypeError || error instanceof RangeError)) return `threw ${(error as Error)?.constructor?.name}: ${String((error as Error)?.message ?? error)}`;
  const message = error.message;
  if (!/^(invalid |unknown option )/.test(message)) return `message does not start with "invalid …" or "unknown option …": ${message}`;
  if (name === null) return null;
  const named = message.match(/^(?:invalid|unknown option) ([^:\s]+)/)?.[1] ?? "";
  const inOptions = message.match(/^unknown option \S+ in (\S+):/)?.[1];
  const subject = (inOptions ?? named).toLowerCase();
  // The argument itself, one of its parts (x0.data, rows[0][1], options.rank) or, for options, the option.
  const names = (Array.isArray(name) ? name : [name]).map((n) => n.toLowerCase());
  for (const want of names) {
    if (subject === want || subject.startsWith(`${want}.`) || subject.startsWith(`${want}[`) || named.toLowerCase() === want) return null;
  }
  return `message names ${named} instead of ${names.join(" or ")}: ${message}`;
}

function canary(): void {
  const A = b.fromRows([[1, 2], [3, 4]]), B = b.fromRows([[5, 6], [7, 8]]);
  expect(b.toRows(b.gemm(A, B))).toEqual([[19, 22], [43, 50]]);
  const { re, im } = b.fft(Float64Array.of(1, 2, 3, 4), new Float64Array(4));
  expect(Array.from(re)).toEqual([10, -2, -2, -2]);
  expect(Array.from(im)).toEqual([0, 2, 0, -2]);
}

async function call(name: string, args: unknown[]): Promise<unknown> {
  const f = (b as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
  return await f(...args);
}

/** Runs one call with owned arguments; returns the error (or undefined) and whether memory came back. */
async function attempt(name: string, build: (owner: Owner) => unknown[]): Promise<{ error: unknown; threw: boolean; leaked: number }> {
  const { arena } = b.runtime();
  // FFT plans stay cached in wasm memory on purpose (fftPlanStats): they are not held by the call.
  const live = (): number => arena.stats().bytesLive - b.fftPlanStats().bytes;
  const before = live();
  const scope = new b.ArenaScope(arena);
  const cleanups: (() => void)[] = [];
  let error: unknown, threw = false;
  try {
    const result = await call(name, build({ scope, defer: (c) => cleanups.push(c) }));
    release(result);
  } catch (e) {
    error = e;
    threw = true;
  } finally {
    scope.disposeAll();
    for (const c of cleanups) c();
  }
  return { error, threw, leaked: live() - before };
}

/** Frees what a result holds: problems and operators (`dispose`), retainProblem's release function. */
function release(result: unknown): void {
  if (typeof result === "function") (result as () => void)();
  else if (result !== null && typeof result === "object" && typeof (result as { dispose?: unknown }).dispose === "function") {
    (result as { dispose(): void }).dispose();
  }
}

describe("fuzz over the public API", () => {
  test("every exported function has a valid call or a reason not to be called", () => {
    const listed = new Set([...Object.keys(VALID), ...Object.keys(NO_ARGUMENTS)]);
    expect(functionNames.filter((n) => !listed.has(n))).toEqual([]);
    expect([...listed].filter((n) => !functionNames.includes(n))).toEqual([]);
  });

  test("bad arguments: a TypeError or RangeError naming the argument, no wasm memory held, the runtime usable", async () => {
    const defects: string[] = [];
    for (const [name, build] of Object.entries(VALID)) {
      const valid = await attempt(name, build);
      if (valid.threw) defects.push(`${name}(valid call) threw: ${String(valid.error)}`);
      if (valid.leaked !== 0) defects.push(`${name}(valid call) left ${valid.leaked} bytes live`);
      const params = parameters.get(name)!;
      const sampleScope = new b.ArenaScope(b.runtime().arena);
      const sample = build({ scope: sampleScope, defer: () => {} });
      for (let i = 0; i < sample.length; i++) {
        const p = params[i] ?? { name: `argument ${i}`, optional: true, nullable: true };
        for (const bad of badValues(sample[i], p)) {
          const r = await attempt(name, (owner) => {
            const args = build(owner);
            args[i] = bad.value(owner);
            return args;
          });
          const where = `${name}: ${p.name} = ${bad.label}`;
          if (r.leaked !== 0) defects.push(`${where}: left ${r.leaked} bytes live`);
          if (!r.threw) {
            if (bad.mustThrow) defects.push(`${where}: accepted`);
            continue;
          }
          // A mismatch may be reported at any argument or option (softThreshold's `out` against x).
          const everything = [...params.map((q) => q.name), ...sample.flatMap((x, j) => (isOptions(x, params[j] ?? p) ? Object.keys(x as object) : []))];
          const named = bad.option ?? (isOptions(sample[i], p) ? null : bad.mismatch ? everything : p.name);
          const problem = conventional(r.error, named);
          if (problem !== null) defects.push(`${where}: ${problem}`);
        }
      }
      sampleScope.disposeAll();
      canary();
    }
    expect(defects).toEqual([]);
  }, 240_000);
});
