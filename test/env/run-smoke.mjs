// Runs smoke() against the built bundle and prints its result as JSON (for Node and Deno).
import * as benign from "../../dist/benign.js";
import { smoke } from "./smoke.mjs";

console.log(JSON.stringify(await smoke(benign)));
