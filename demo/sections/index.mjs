// The sections of the report, in order. A section is one file in this folder exporting
// { id, title, options?, run(report, options) } (see frame.mjs for `report`), and one line here.
export const SECTIONS = [
  (await import("./kernels.mjs")).default,
  (await import("./camera.mjs")).default,
  (await import("./landscape.mjs")).default,
  (await import("./saddle.mjs")).default,
  (await import("./completion.mjs")).default,
  (await import("./sensing.mjs")).default,
  (await import("./phase-transition.mjs")).default,
  (await import("./sparse.mjs")).default,
  (await import("./deconvolution.mjs")).default,
];
