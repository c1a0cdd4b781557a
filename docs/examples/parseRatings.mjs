import { parseRatings } from "benign";
const text = "user,item,rating\nalice,dune,5\nbob,dune,3\nalice,emma,4\n";
const { observed, userIds, itemIds } = parseRatings(text, { format: "csv", user: "user", item: "item", rating: "rating" });
console.log(observed.rows, observed.cols, observed.value); // 2 2 Float64Array [5, 3, 4] (file order)
console.log(userIds, itemIds);           // the id ↔ index maps (sorted ids by default)
