// Where the TypeScript arena may start placing buffers: the first 64-byte boundary after the
// module's static data. Kernels never allocate; the arena owns everything above this address.
export function heapBase(): usize {
  return (__heap_base + 63) & ~(<usize>63);
}
