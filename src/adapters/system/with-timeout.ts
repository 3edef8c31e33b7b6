/**
 * `work`, or `onTimeout()`'s error once `ms` have passed, whichever comes first: a remote
 * service that hangs must not hold the function until the platform kills it. The timer is
 * always cleared, so a settled call leaves nothing running.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A signal that aborts with a TimeoutError once `ms` have passed, and `clear()` to call when the work is done.
 * `AbortSignal.timeout` cannot be cleared: its timer fires after the call has long ended, builds the
 * TimeoutError and runs the abort listeners the finished fetch left on it, for every call (a relay is one).
 */
export function clearableTimeout(ms: number): { readonly signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`The operation timed out after ${ms} ms.`, 'TimeoutError')), ms);
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
