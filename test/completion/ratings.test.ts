import { describe, expect, test } from "vitest";
import { parseRatings } from "../../src/completion/index.js";

/** Entries as [userId, itemId, rating] through the id maps, in observed order. */
function triples(r: ReturnType<typeof parseRatings>): [string, string, number][] {
  const o = r.observed;
  return Array.from(o.row, (i, k) => [r.userIds.ids[i], r.itemIds.ids[o.col[k]], o.value[k]]);
}

describe("parseRatings: MovieLens u.data (tab-separated, no header)", () => {
  const uData = "196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n196\t51\t2\t880606923\n";

  test("reads user item rating, sorted numeric ids by default", () => {
    const r = parseRatings(uData, { format: "movielens" });
    expect(r.observed.rows).toBe(3);
    expect(r.observed.cols).toBe(4);
    expect(r.userIds.ids).toEqual(["22", "186", "196"]); // numeric, not text, order
    expect(r.itemIds.ids).toEqual(["51", "242", "302", "377"]);
    expect(r.userIds.index.get("196")).toBe(2);
    expect(triples(r)).toEqual([["196", "242", 3], ["186", "302", 3], ["22", "377", 1], ["196", "51", 2]]);
    expect(Array.from(r.observed.row)).toEqual([2, 1, 0, 2]);
  });

  test("appearance order maps ids to indices as they first occur", () => {
    const r = parseRatings(uData, { format: "movielens", idOrder: "appearance" });
    expect(r.userIds.ids).toEqual(["196", "186", "22"]);
    expect(Array.from(r.observed.row)).toEqual([0, 1, 2, 0]);
    expect(triples(r)).toEqual(triples(parseRatings(uData, { format: "movielens" })));
  });

  test("CRLF, CR, blank lines, a BOM, trailing spaces and no trailing newline give the same result", () => {
    const want = triples(parseRatings(uData, { format: "movielens" }));
    const variants = [
      uData.replace(/\n/g, "\r\n"),
      uData.replace(/\n/g, "\r"),
      `\n\n${uData.replace(/\n/g, "\n  \n")}\n\n`,
      `\uFEFF${uData.trimEnd()}`,
      uData.replace(/\t3\t/g, "\t 3 \t"),
    ];
    for (const text of variants) expect(triples(parseRatings(text, { format: "movielens" }))).toEqual(want);
    expect(triples(parseRatings(new TextEncoder().encode(uData), { format: "movielens" }))).toEqual(want);
  });

  test("MovieLens 1M ratings.dat with delimiter '::'", () => {
    const r = parseRatings("1::1193::5::978300760\n1::661::3::978302109\n", { format: "movielens", delimiter: "::" });
    expect(triples(r)).toEqual([["1", "1193", 5], ["1", "661", 3]]);
  });

  test("malformed lines are errors with the line number (blank lines counted)", () => {
    const bad = (text: string) => () => parseRatings(text, { format: "movielens" });
    expect(bad("1\t2\t3\n\n1\t2\n")).toThrow(/line 3: expected at least 3 fields separated by "\\t", got 2: "1\\t2"/);
    expect(bad("1\t2\tx\t0\n")).toThrow(/line 1: rating "x" is not a finite decimal number/);
    expect(bad("1\t2\t\t0\n")).toThrow(/line 1: rating "" is not a finite decimal number/);
    expect(bad("1\t2\tNaN\n")).toThrow(/rating "NaN"/);
    expect(bad("1\t2\tInfinity\n")).toThrow(/rating "Infinity"/);
    expect(bad("5\t6\t1\n \t2\t3\n")).toThrow(/line 2: empty user id/);
    expect(bad("5\t\t1\n")).toThrow(/line 1: empty item id/);
    expect(bad("1,2,3\n")).toThrow(/line 1 fits no MovieLens layout: "1,2,3"/); // commas without the header
    expect(() => parseRatings("1,2,3\n", { format: "movielens-100k" })).toThrow(/got 1: "1,2,3" \(format "movielens-100k": u\.data of ml-100k/);
  });
});

describe("parseRatings: ratings.csv (header userId,movieId,rating,timestamp)", () => {
  const csv = "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n7,31,4.5,1260759182\n";

  test("reads the named columns, half-star ratings, any column order", () => {
    const r = parseRatings(csv);
    expect(triples(r)).toEqual([["1", "31", 2.5], ["1", "1029", 3], ["7", "31", 4.5]]);
    const shuffled = "timestamp,rating,movieId,userId\n1260759144,2.5,31,1\n1260759179,3.0,1029,1\n1260759182,4.5,31,7\n";
    expect(triples(parseRatings(shuffled))).toEqual(triples(r));
  });

  test("header variants: quoted names, CRLF, other names and delimiters, positions without header", () => {
    const quoted = '"userId","movieId","rating","timestamp"\r\n"1","31","2.5","0"\r\n';
    expect(triples(parseRatings(quoted))).toEqual([["1", "31", 2.5]]);
    const custom = "user;book;stars\nann;b1;4\nbob;b1;5\nann;b2;1\n";
    const r = parseRatings(custom, { delimiter: ";", user: "user", item: "book", rating: "stars" });
    expect(r.userIds.ids).toEqual(["ann", "bob"]); // text order for non-numeric ids
    expect(triples(r)).toEqual([["ann", "b1", 4], ["bob", "b1", 5], ["ann", "b2", 1]]);
    const noHeader = parseRatings("3,x,9,1\n", { header: false, user: 3, item: 1, rating: 2 });
    expect(triples(noHeader)).toEqual([["1", "x", 9]]);
  });

  test("sorted numeric ids keep distinct spellings apart ('7' and '07')", () => {
    const r = parseRatings("userId,movieId,rating\n07,1,1\n7,1,2\n10,1,3\n");
    expect(r.userIds.ids).toEqual(["07", "7", "10"]);
    expect(r.observed.rows).toBe(3);
  });

  test("a missing header column or a name without header is a clear error", () => {
    expect(() => parseRatings("user,movieId,rating\n1,2,3\n")).toThrow(/line 1: the header has no user column "userId" \(columns: "user", "movieId", "rating"\); set options\.user/);
    expect(() => parseRatings("1,2,3\n", { header: false, user: "userId" })).toThrow(/invalid user: the column name "userId" needs header: true/);
    // Without a header the columns default to the positions 0, 1, 2.
    expect(triples(parseRatings("1,2,3\n", { header: false }))).toEqual([["1", "2", 3]]);
    expect(() => parseRatings(csv, { user: -1 })).toThrow(/invalid user/);
    expect(() => parseRatings(csv, { delimiter: "" })).toThrow(/invalid delimiter/);
    expect(() => parseRatings(csv, { format: "tsv" as never })).toThrow(/invalid format/);
    expect(() => parseRatings(csv, { sep: "," } as never)).toThrow(/unknown option sep/);
    expect(() => parseRatings(42 as never)).toThrow(TypeError);
  });

  test("an empty file or a header only is an error saying there are no ratings (not a 0×0 set)", () => {
    for (const text of ["", "\n\n", "userId,movieId,rating\n"]) {
      expect(() => parseRatings(text)).toThrow(/invalid text: no ratings \(the text is empty or only a header\)/);
    }
    expect(() => parseRatings(" \n", { format: "movielens-100k" })).toThrow(/invalid text: no ratings \(the text is empty\)/);
  });
});

describe("parseRatings: duplicate (user, item) pairs", () => {
  const text = "userId,movieId,rating\n1,10,4\n2,10,3\n1,10,2\n1,20,5\n1,10,3\n";

  test("reject (default) names the pair and both lines", () => {
    expect(() => parseRatings(text)).toThrow(/duplicate rating for user "1" and item "10" on lines 2 and 4/);
  });

  test("sum, mean and last combine them at the first occurrence", () => {
    const values = (duplicates: "sum" | "mean" | "last") => triples(parseRatings(text, { duplicates }));
    expect(values("sum")).toEqual([["1", "10", 9], ["2", "10", 3], ["1", "20", 5]]);
    expect(values("mean")).toEqual([["1", "10", 3], ["2", "10", 3], ["1", "20", 5]]);
    expect(values("last")).toEqual([["1", "10", 3], ["2", "10", 3], ["1", "20", 5]]);
  });
});

describe("parseRatings: the MovieLens layouts by name, and detected (issue 9)", () => {
  // The first lines of each file as MovieLens ships it.
  const latest = "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.0,964981247\n5,1,3.5,847434962\n";
  const dat = "1::1193::5::978300760\n1::661::3::978302109\n5::1193::2::978301968\n";
  const uData = "1\t1193\t5\t978300760\n1\t661\t3\t978302109\n5\t1193\t2\t978301968\n";

  test("format \"movielens\" reads today's ratings.csv (ml-latest-small, ml-25m), ratings.dat and u.data", () => {
    // Before, "movielens" meant u.data only and rejected the CSV MovieLens ships today.
    expect(triples(parseRatings(latest, { format: "movielens" }))).toEqual([["1", "1", 4], ["1", "3", 4], ["5", "1", 3.5]]);
    expect(triples(parseRatings(latest, { format: "movielens-csv" }))).toEqual(triples(parseRatings(latest, { format: "movielens" })));
    const want = [["1", "1193", 5], ["1", "661", 3], ["5", "1193", 2]];
    expect(triples(parseRatings(dat, { format: "movielens" }))).toEqual(want);
    expect(triples(parseRatings(dat, { format: "movielens-1m" }))).toEqual(want);
    expect(triples(parseRatings(uData, { format: "movielens" }))).toEqual(want);
    expect(triples(parseRatings(uData, { format: "movielens-100k" }))).toEqual(want);
  });

  test("a file that fits no layout, or the wrong named layout, says which layouts exist", () => {
    const other = "user;item;stars\n1;2;3\n";
    expect(() => parseRatings(other, { format: "movielens" })).toThrow(
      /line 1 fits no MovieLens layout: "user;item;stars"; expected ratings\.csv of ml-latest-small.*ml-25m.*, ratings\.dat of ml-1m.* or u\.data of ml-100k/,
    );
    expect(() => parseRatings(latest, { format: "movielens-1m" })).toThrow(/format "movielens-1m": ratings\.dat of ml-1m and ml-10m/);
  });

  test("ratings must be decimal numbers: hexadecimal, binary and octal are rejected", () => {
    // Number("0x10") is 16: the parser must not read it so.
    for (const r of ["0x10", "0b1", "0o7", "1_0", "Infinity", "+", "."]) {
      expect(() => parseRatings(`userId,movieId,rating\n1,2,${r}\n`)).toThrow(new RegExp(`line 2: rating "${r.replace(/[.+]/g, "\\$&")}" is not a finite decimal number`));
    }
    expect(triples(parseRatings("userId,movieId,rating\n1,2,-1.5\n1,3,+2\n1,4,.5\n1,5,35e-1\n1,6,4.\n"))).toEqual(
      [["1", "2", -1.5], ["1", "3", 2], ["1", "4", 0.5], ["1", "5", 3.5], ["1", "6", 4]],
    );
  });
});
