// The command line of `npm start -- …`: which sections, at what sizes, where the report goes.

const GLOBAL = [
  ["--help", "print this text"],
  ["--quick", "small sizes: the whole report in a few seconds"],
  ["--sections=a,b", "run only these sections (default: all)"],
  ["--out=DIR", "write DIR/index.html (default: the project's report/)"],
  ["--<section>.<option>=V", "set one of a section's options (listed below)"],
];

function parseValue(name, spec, text) {
  const number = (t) => {
    const v = Number(t);
    if (t.trim() === "" || !Number.isFinite(v)) throw new Error(`--${name}: expected a number, got ${JSON.stringify(t)}`);
    if (spec.type === "integer" || spec.type === "integers") {
      if (!Number.isInteger(v) || v < 1) throw new Error(`--${name}: expected a positive integer, got ${t}`);
    }
    return v;
  };
  if (spec.type === "numbers" || spec.type === "integers") return text.split(",").map(number);
  if (spec.type === "integer" || spec.type === "number") return number(text);
  return text;
}

const show = (value) => (Array.isArray(value) ? value.join(",") : String(value));

/** The help text, with every section's options, defaults and quick values. */
export function helpText(sections) {
  const lines = ["Usage: npm start -- [options]   (or: node demo/main.mjs [options], after a build)", ""];
  lines.push("Runs the demo report on built-in data and writes one self-contained HTML file (plots and images inline).", "");
  for (const [flag, text] of GLOBAL) lines.push(`  ${flag.padEnd(26)} ${text}`);
  lines.push("", "Sections (in order) and their options (default; with --quick):");
  for (const section of sections) {
    lines.push(`  ${section.id.padEnd(18)} ${section.title}`);
    for (const [key, spec] of Object.entries(section.options ?? {})) {
      const flag = `--${section.id}.${key}=${spec.type === "numbers" || spec.type === "integers" ? "a,b,…" : "V"}`;
      const value = spec.default === undefined ? "" : ` (${show(spec.default)}; ${show(spec.quick ?? spec.default)})`;
      lines.push(`      ${flag.padEnd(34)} ${spec.help}${value}`);
    }
  }
  return lines.join("\n");
}

/**
 * The settings from the arguments: `{ help }`, or `{ quick, out, sections, options }` with each
 * chosen section's options resolved (default, quick value, or the flag's); `out` is undefined
 * unless given.
 *
 * @throws Error naming the bad argument.
 */
export function parseArguments(argv, sections) {
  const byId = new Map(sections.map((s) => [s.id, s]));
  let quick = false;
  let out;
  let chosen = sections.map((s) => s.id);
  const given = new Map();
  for (const argument of argv) {
    if (argument === "--help" || argument === "-h") return { help: true };
    if (argument === "--quick") {
      quick = true;
      continue;
    }
    const match = /^--([^=]+)=(.*)$/.exec(argument);
    if (match === null) throw new Error(`unknown argument ${argument} (see --help)`);
    const [, name, value] = match;
    if (name === "out") out = value;
    else if (name === "sections") {
      chosen = value.split(",").filter(Boolean);
      const unknown = chosen.find((id) => !byId.has(id));
      if (unknown !== undefined) throw new Error(`--sections: unknown section ${unknown}; the sections are ${[...byId.keys()].join(", ")}`);
    } else {
      const dot = name.indexOf(".");
      const section = byId.get(name.slice(0, dot));
      const spec = section?.options?.[name.slice(dot + 1)];
      if (dot < 0 || spec === undefined) throw new Error(`unknown option --${name} (see --help)`);
      given.set(name, parseValue(name, spec, value));
    }
  }
  const options = {};
  for (const id of chosen) {
    options[id] = {};
    for (const [key, spec] of Object.entries(byId.get(id).options ?? {})) {
      const name = `${id}.${key}`;
      options[id][key] = given.has(name) ? given.get(name) : quick && "quick" in spec ? spec.quick : spec.default;
    }
  }
  return { help: false, quick, out, sections: chosen.map((id) => byId.get(id)), options };
}
