// yieldToEventLoop(): give the host a chance to run timers, input and abort handlers.

/**
 * Resolves after the host has had a chance to process other tasks (timers, UI events, messages,
 * an `AbortController.abort()` call): a MessageChannel message, a macrotask that queues behind the
 * tasks already pending and has no ≥ 4 ms clamp as nested `setTimeout(…, 0)` has in browsers;
 * `setTimeout` where there is no MessageChannel.
 *
 * Not `scheduler.yield()`: Chromium runs its continuation before every pending task of normal
 * priority, timers and message events included, so a loop yielding that way never lets a page's
 * `AbortSignal.timeout` fire nor a worker's "stop" message arrive (test/explorer/yield.test.ts).
 */
export function yieldToEventLoop(): Promise<void> {
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
