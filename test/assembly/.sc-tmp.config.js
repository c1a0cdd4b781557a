import base from "./as-pect.config.js";
export default { ...base, entries: ["test/assembly/sparse-coding/*.spec.ts"] };
