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
