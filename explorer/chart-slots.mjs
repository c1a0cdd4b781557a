// Chart slots: each chart of the page has a named slot in a container and is drawn in a task of its
// own (one Plot render, ~10–40 ms), so a redraw never holds the main thread for all charts at once.

/**
 * The slots of `container`: `draw(name, render)` queues render() (which returns a node) for the
 * slot `name` (made on first use, in order), replacing a render still queued for it; `clear()`
 * drops the queue and the slots.
 */
export function chartSlots(container) {
  const pending = new Map(); // slot name → render, in slot order
  let pumping = false;

  const slot = (name) => {
    let element = container.querySelector(`[data-chart="${name}"]`);
    if (element === null) {
      element = document.createElement("div");
      element.dataset.chart = name;
      container.append(element);
    }
    return element;
  };

  const pump = () => {
    if (pending.size === 0) {
      pumping = false;
      return;
    }
    const [name, render] = pending.entries().next().value;
    pending.delete(name);
    slot(name).replaceChildren(render());
    if (pending.size > 0) setTimeout(pump, 0);
    else pumping = false;
  };

  return {
    draw(name, render) {
      pending.set(name, render);
      if (!pumping) {
        pumping = true;
        setTimeout(pump, 0);
      }
    },
    clear() {
      pending.clear();
      container.replaceChildren();
    },
  };
}
