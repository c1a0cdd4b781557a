// Touching wasm memory ahead of a large allocation, in chunks between safe points.
import { runtime } from "../runtime/init.js";
import type { Steps } from "./steps.js";

/** Bytes per chunk (≈ 5–15 ms to grow, fault in and zero). */
const CHUNK_BYTES = 8 << 20;

/**
 * Makes the next allocations of up to `bytes` in total cheap: allocates that much in chunks with
 * a safe point after each, then frees it all. The arena zero-fills every block it hands out, and
 * the first touch of fresh wasm memory faults its pages in: for one block of hundreds of MB that
 * blocked the event loop for 0.4 s (25·10⁶ doubles, measured on the shared machine), against
 * 18 ms for the same block once the memory had been touched. After this the freed chunks
 * coalesce, the memory stays grown, and the large block is only zeroed.
 */
export function* reserveSteps(bytes: number): Steps<void> {
  const { arena } = runtime();
  const chunks = [];
  try {
    for (let left = bytes; left > 0; left -= CHUNK_BYTES) {
      chunks.push(arena.f64(Math.ceil(Math.min(left, CHUNK_BYTES) / 8)));
      yield;
    }
  } finally {
    for (let k = chunks.length - 1; k >= 0; k--) chunks[k].dispose();
  }
}
