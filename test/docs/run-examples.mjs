// Runs example modules one after another in this Node process (each imports "benign", the built
// package, by its own name) and prints a JSON array: for each file, the lines it logged and the
// error it threw, if any. Usage: node test/docs/run-examples.mjs file.mjs…
import { pathToFileURL } from "node:url";
import { format } from "node:util";

const results = [];
const log = console.log;
for (const file of process.argv.slice(2)) {
  const lines = [];
  console.log = (...args) => lines.push(format(...args));
  try {
    await import(pathToFileURL(file).href);
    results.push({ file, lines });
  } catch (error) {
    results.push({ file, lines, error: String(error?.stack ?? error) });
  } finally {
    console.log = log;
  }
}
process.stdout.write(JSON.stringify(results));
