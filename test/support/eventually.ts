/**
 * Waiting for a subject that works on its own clock (a thread, a timer, a queue, a page that draws after an answer):
 * one fixed pause is too short on a busy CI machine and slow everywhere else, and one read can come too early.
 */

/** Waits until `check` holds, or fails naming `what`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() >= deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Reads a value again until it is `expected`, then asserts it, so a failure still shows the difference. */
export async function expectEventually(read: () => Promise<unknown>, expected: unknown, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      expect(value).toEqual(expected);
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
