// Re-exports of this area's kernels.
