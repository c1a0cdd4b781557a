// yieldToEventLoop(): give the host a chance to run timers, input and abort handlers.

interface Scheduler {
  yield?: () => Promise<void>;
}

/**
 * Resolves after the host has had a chance to process other tasks (timers, UI events, an
 * `AbortController.abort()` call). Uses `scheduler.yield()` where the engine has it (Chromium),
 * otherwise a MessageChannel message — a macrotask without the ≥ 4 ms clamp browsers apply to
 * nested `setTimeout(…, 0)` — and `setTimeout` as the last resort.
 */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (scheduler !== undefined && typeof scheduler.yield === "function") return scheduler.yield();
  if (typeof MessageChannel === "function") {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
