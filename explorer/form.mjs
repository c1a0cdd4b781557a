// The parameter form of a catalog entry: one labelled input per field, and the values read back,
// checked against the field's type and range before anything is sent to the worker.

/** Fills `form` with one input per field (named by the field), set to its default value. */
export function renderFields(form, fields) {
  form.replaceChildren(
    ...fields.map((field) => {
      const label = document.createElement("label");
      label.append(document.createTextNode(field.label));
      let input;
      if (field.type === "select") {
        input = document.createElement("select");
        input.append(...field.options.map((value) => new Option(value, value, value === field.value, value === field.value)));
      } else {
        input = document.createElement("input");
        if (field.type === "boolean") {
          input.type = "checkbox";
          input.checked = field.value;
        } else {
          input.type = "number";
          input.value = String(field.value);
          input.step = field.type === "integer" ? "1" : "any";
          if (field.min !== undefined) input.min = String(field.min);
          if (field.max !== undefined) input.max = String(field.max);
        }
      }
      input.name = field.name;
      label.append(input);
      if (field.hint) {
        const hint = document.createElement("small");
        hint.textContent = field.hint;
        label.append(hint);
      }
      return label;
    }),
  );
}

/**
 * The form's values by field name. Throws a RangeError naming the field and the value when a
 * number is not finite, not an integer where one is needed, or outside [min, max].
 */
export function readFields(form, fields) {
  const params = {};
  for (const field of fields) {
    const input = form.elements.namedItem(field.name);
    if (field.type === "select") params[field.name] = input.value;
    else if (field.type === "boolean") params[field.name] = input.checked;
    else {
      const value = input.value.trim() === "" ? NaN : Number(input.value);
      const range = `[${field.min ?? "−∞"}, ${field.max ?? "∞"}]`;
      const integer = field.type === "integer";
      if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) ||
          (field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
        throw new RangeError(`invalid ${field.label}: expected ${integer ? "an integer" : "a number"} in ${range}, got ${input.value || "nothing"}`);
      }
      params[field.name] = value;
    }
  }
  return params;
}
