// Form fields several catalog entries share.

/** The seed of an entry's random data: an integer in [0, 2³²). */
export function seedField(value) {
  return { name: "seed", label: "seed", type: "integer", value, min: 0, max: 2 ** 32 - 1 };
}
