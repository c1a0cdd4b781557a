// Re-exports of this area's wrappers.
export {};
