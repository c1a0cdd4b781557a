// parseRatings(text): user–item ratings files (the MovieLens layouts, CSV) as observed entries.
import { checkChoice, checkOptions, describe } from "../validate.js";
import { combineDuplicates } from "./duplicates.js";
import { DUPLICATE_POLICIES, type DuplicatePolicy, type Observed } from "./observed.js";

/** The file layouts {@link parseRatings} knows (see {@link ParseRatingsOptions.format}). */
export type RatingsFormat = "csv" | "movielens-csv" | "movielens-1m" | "movielens-100k" | "movielens";

interface Layout {
  delimiter: string;
  header: boolean;
  user: string | number;
  item: string | number;
  rating: string | number;
  /** What the layout is, for error messages. */
  what: string;
}

const MOVIELENS_CSV: Layout = {
  delimiter: ",", header: true, user: "userId", item: "movieId", rating: "rating",
  what: 'ratings.csv of ml-latest-small, ml-latest, ml-20m, ml-25m and ml-32m (header "userId,movieId,rating,timestamp")',
};
const MOVIELENS_1M: Layout = {
  delimiter: "::", header: false, user: 0, item: 1, rating: 2,
  what: 'ratings.dat of ml-1m and ml-10m ("user::item::rating::timestamp", no header)',
};
const MOVIELENS_100K: Layout = {
  delimiter: "\t", header: false, user: 0, item: 1, rating: 2,
  what: 'u.data of ml-100k ("user<TAB>item<TAB>rating<TAB>timestamp", no header)',
};
const LAYOUTS: Record<Exclude<RatingsFormat, "movielens">, Layout> = {
  csv: { ...MOVIELENS_CSV, what: "CSV with a header line" },
  "movielens-csv": MOVIELENS_CSV,
  "movielens-1m": MOVIELENS_1M,
  "movielens-100k": MOVIELENS_100K,
};
const FORMATS: readonly RatingsFormat[] = ["csv", "movielens-csv", "movielens-1m", "movielens-100k", "movielens"];

/** Options of {@link parseRatings}. */
export interface ParseRatingsOptions {
  /**
   * The layout, which sets the defaults of the options below:
   * - `"csv"`: comma-separated with a header line; columns `userId`, `movieId`, `rating` by name;
   * - `"movielens-csv"`: the `ratings.csv` MovieLens ships today (ml-latest-small, ml-latest,
   *   ml-20m, ml-25m, ml-32m): header `userId,movieId,rating,timestamp`, commas;
   * - `"movielens-1m"`: `ratings.dat` of ml-1m and ml-10m: `user::item::rating::timestamp`, no header;
   * - `"movielens-100k"`: `u.data` of ml-100k: `user⇥item⇥rating⇥timestamp` (tabs), no header;
   * - `"movielens"`: one of the three MovieLens layouts, told from the first non-blank line (a
   *   header starting `userId`, `::`, or tabs); a line that fits none is a RangeError naming the
   *   three. Given `delimiter` or `header`, it reads fields 0, 1, 2 with them instead.
   * @defaultValue "csv"
   */
  format?: RatingsFormat;
  /**
   * The field separator, any non-empty string.
   * @defaultValue the format's: `","`, `"::"` or `"\t"`
   */
  delimiter?: string;
  /**
   * Whether the first non-blank line is a header naming the columns.
   * @defaultValue the format's: true for the CSV layouts, false for `.dat` and `u.data`
   */
  header?: boolean;
  /**
   * The user column: a header name, or a 0-based field position.
   * @defaultValue "userId" for the CSV layouts, 0 otherwise
   */
  user?: string | number;
  /**
   * The item column: a header name, or a 0-based field position.
   * @defaultValue "movieId" for the CSV layouts, 1 otherwise
   */
  item?: string | number;
  /**
   * The rating column: a header name, or a 0-based field position.
   * @defaultValue "rating" for the CSV layouts, 2 otherwise
   */
  rating?: string | number;
  /**
   * How ids map to row/column indices: `"sorted"` — ascending, numerically when every id is an
   * integer (ties such as "7" and "07" then by text), otherwise by UTF-16 code units;
   * `"appearance"` — in order of first appearance in the file.
   * @defaultValue "sorted"
   */
  idOrder?: "sorted" | "appearance";
  /**
   * What to do when a (user, item) pair is rated more than once (see {@link DuplicatePolicy};
   * `"last"` keeps the rating that comes last in the file).
   * @defaultValue "reject"
   */
  duplicates?: DuplicatePolicy;
}

/** A two-way map between original ids (the text of the field) and 0-based indices. */
export interface IdMap {
  /** `ids[index]` is the original id of row/column `index`. */
  readonly ids: readonly string[];
  /** `index.get(id)` is the row/column of an original id (undefined if it never occurs). */
  readonly index: ReadonlyMap<string, number>;
}

/** The result of {@link parseRatings}. */
export interface Ratings {
  /** Users × items: row = user index, column = item index, value = rating; in file order. */
  readonly observed: Observed;
  /** User ids ↔ rows. */
  readonly userIds: IdMap;
  /** Item ids ↔ columns. */
  readonly itemIds: IdMap;
}

/**
 * Parses a ratings file into observed entries (rows = users, columns = items) and the id maps.
 *
 * Lines may end in LF, CRLF or CR; blank (whitespace-only) lines are skipped anywhere; a UTF-8
 * BOM is ignored; fields are trimmed and one pair of surrounding double quotes is removed (no
 * other CSV quoting: a delimiter inside quotes is not supported). Fields beyond the three used
 * (e.g. the timestamp) are ignored and may be missing. Entries keep file order, one per rated
 * pair after the duplicate policy; line numbers in errors are 1-based and count every line.
 * `text` may be a string or UTF-8 bytes (Uint8Array).
 *
 * NaN policy: a rating must be a finite decimal number (`4`, `-1.5`, `3.5e0`); anything else
 * (empty, "NaN", "Infinity", hexadecimal "0x10", text) is an error.
 *
 * @throws TypeError for a wrong argument or option type.
 * @throws RangeError naming the line for a malformed line (too few fields, empty id, bad rating),
 * a header without a named column, a first line that fits no MovieLens layout (`"movielens"`), a
 * file without ratings (empty, or only a header), or a repeated (user, item) under
 * `duplicates: "reject"`.
 */
export function parseRatings(text: string | Uint8Array, options: ParseRatingsOptions = {}): Ratings {
  if (typeof text !== "string" && !(text instanceof Uint8Array)) {
    throw new TypeError(`invalid text: expected a string or a Uint8Array, got ${describe(text)}`);
  }
  checkOptions("options", options, ["format", "delimiter", "header", "user", "item", "rating", "idOrder", "duplicates"]);
  const format = checkChoice("format", options.format ?? "csv", FORMATS);
  if (options.delimiter !== undefined && (typeof options.delimiter !== "string" || options.delimiter.length === 0)) {
    throw new TypeError(`invalid delimiter: expected a non-empty string, got ${describe(options.delimiter)}`);
  }
  if (options.header !== undefined && typeof options.header !== "boolean") {
    throw new TypeError(`invalid header: expected a boolean, got ${describe(options.header)}`);
  }
  const { idOrder = "sorted", duplicates = "reject" } = options;
  checkChoice("idOrder", idOrder, ["sorted", "appearance"] as const);
  checkChoice("duplicates", duplicates, DUPLICATE_POLICIES);

  const source = typeof text === "string" ? text : new TextDecoder().decode(text);
  const lines = source.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const layout = format !== "movielens" ? LAYOUTS[format]
    : options.delimiter !== undefined || options.header !== undefined ? MOVIELENS_100K
    : detectMovieLens(lines);
  const delimiter = options.delimiter ?? layout.delimiter;
  const header = options.header ?? layout.header;
  const columns = {
    user: checkColumn("user", options.user ?? (header ? layout.user : positional(layout.user, 0)), header),
    item: checkColumn("item", options.item ?? (header ? layout.item : positional(layout.item, 1)), header),
    rating: checkColumn("rating", options.rating ?? (header ? layout.rating : positional(layout.rating, 2)), header),
  };
  const users: string[] = [];
  const items: string[] = [];
  const values: number[] = [];
  const lineOf: number[] = [];
  let positions: { user: number; item: number; rating: number } | null = null;
  let needed = 0;
  for (let t = 0; t < lines.length; t++) {
    const line = lines[t];
    if (line.trim() === "") continue;
    const lineNo = t + 1;
    if (positions === null) {
      positions = header
        ? headerPositions(line.split(delimiter).map(unquote), columns, lineNo)
        : (columns as { user: number; item: number; rating: number });
      needed = Math.max(positions.user, positions.item, positions.rating) + 1;
      if (header) continue;
    }
    const fields = leadingFields(line, delimiter, needed);
    if (fields.length < needed) {
      throw new RangeError(
        `invalid text: line ${lineNo}: expected at least ${needed} fields separated by ${JSON.stringify(delimiter)}, ` +
          `got ${fields.length}: ${quoteLine(line)} (format ${JSON.stringify(format)}: ${layout.what})`,
      );
    }
    const user = unquote(fields[positions.user]);
    const item = unquote(fields[positions.item]);
    const r = unquote(fields[positions.rating]);
    if (user === "") throw new RangeError(`invalid text: line ${lineNo}: empty user id: ${quoteLine(line)}`);
    if (item === "") throw new RangeError(`invalid text: line ${lineNo}: empty item id: ${quoteLine(line)}`);
    const value = DECIMAL.test(r) ? Number(r) : NaN;
    if (!Number.isFinite(value)) {
      throw new RangeError(`invalid text: line ${lineNo}: rating ${JSON.stringify(r)} is not a finite decimal number: ${quoteLine(line)}`);
    }
    users.push(user);
    items.push(item);
    values.push(value);
    lineOf.push(lineNo);
  }

  if (values.length === 0) {
    throw new RangeError(`invalid text: no ratings (the text is empty${header ? " or only a header" : ""}); expected at least one rating line`);
  }
  const userIds = idMap(users, idOrder);
  const itemIds = idMap(items, idOrder);
  const nnz = values.length;
  const row = new Int32Array(nnz);
  const col = new Int32Array(nnz);
  for (let k = 0; k < nnz; k++) {
    row[k] = userIds.index.get(users[k]) as number;
    col[k] = itemIds.index.get(items[k]) as number;
  }
  const { observed } = combineDuplicates(
    userIds.ids.length, itemIds.ids.length, row, col, Float64Array.from(values), duplicates,
    (a, b) =>
      new RangeError(
        `invalid text: duplicate rating for user ${JSON.stringify(users[b])} and item ${JSON.stringify(items[b])} ` +
          `on lines ${lineOf[a]} and ${lineOf[b]}; pass { duplicates: "sum" | "mean" | "last" } to combine them`,
      ),
  );
  return { observed, userIds, itemIds };
}

/** A decimal number: digits with an optional sign, point and exponent (no hex, binary, octal, Infinity). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A layout's column as a field position when the file has no header (the layout's own default otherwise). */
function positional(column: string | number, position: number): number {
  return typeof column === "number" ? column : position;
}

/** The MovieLens layout of a file, told from its first non-blank line. */
function detectMovieLens(lines: string[]): Layout {
  const first = lines.find((line) => line.trim() !== "");
  if (first === undefined) return MOVIELENS_CSV; // an empty text: "no ratings" below
  if (first.includes("::")) return MOVIELENS_1M;
  if (first.includes("\t")) return MOVIELENS_100K;
  if (unquote(first.split(",")[0]) === "userId") return MOVIELENS_CSV;
  throw new RangeError(
    `invalid text: line ${lines.indexOf(first) + 1} fits no MovieLens layout: ${quoteLine(first)}; expected ` +
      `${MOVIELENS_CSV.what}, ${MOVIELENS_1M.what} or ${MOVIELENS_100K.what} ` +
      `(format "csv" with options delimiter, header, user, item, rating reads other layouts)`,
  );
}

function checkColumn(name: string, value: unknown, header: boolean): string | number {
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`invalid ${name}: expected a column name or a 0-based field position, got ${value}`);
    }
    return value;
  }
  if (typeof value !== "string" || value === "") {
    throw new TypeError(`invalid ${name}: expected a column name or a 0-based field position, got ${describe(value)}`);
  }
  if (!header) {
    throw new RangeError(`invalid ${name}: the column name ${JSON.stringify(value)} needs header: true (or give a 0-based position)`);
  }
  return value;
}

function headerPositions(
  fields: string[], columns: Record<"user" | "item" | "rating", string | number>, lineNo: number,
): { user: number; item: number; rating: number } {
  const find = (key: "user" | "item" | "rating"): number => {
    const c = columns[key];
    if (typeof c === "number") return c;
    const at = fields.indexOf(c);
    if (at < 0) {
      throw new RangeError(
        `invalid text: line ${lineNo}: the header has no ${key} column ${JSON.stringify(c)} ` +
          `(columns: ${fields.map((f) => JSON.stringify(f)).join(", ")}); set options.${key}`,
      );
    }
    return at;
  };
  return { user: find("user"), item: find("item"), rating: find("rating") };
}

/** The first `count` fields of a line (fewer if the line has fewer), not trimmed. */
function leadingFields(line: string, delimiter: string, count: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (out.length < count) {
    const end = line.indexOf(delimiter, start);
    if (end < 0) {
      out.push(line.slice(start));
      break;
    }
    out.push(line.slice(start, end));
    start = end + delimiter.length;
  }
  return out;
}

function unquote(field: string): string {
  const f = field.trim();
  return f.length >= 2 && f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1).trim() : f;
}

function quoteLine(line: string): string {
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 77)}...` : line);
}

function idMap(list: string[], order: "sorted" | "appearance"): IdMap {
  const distinct = [...new Set(list)];
  if (order === "sorted") {
    const numeric = distinct.every((id) => /^[+-]?\d+$/.test(id));
    const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    distinct.sort(numeric ? (a, b) => Number(a) - Number(b) || byText(a, b) : byText);
  }
  return { ids: distinct, index: new Map(distinct.map((id, i) => [id, i])) };
}
