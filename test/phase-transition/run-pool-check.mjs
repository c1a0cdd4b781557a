// Runs poolCheck() against the built bundle and prints its result as JSON (for Deno).
import * as benign from "../../dist/benign.js";
import { poolCheck } from "./pool-check.mjs";

console.log(JSON.stringify(await poolCheck(benign)));
