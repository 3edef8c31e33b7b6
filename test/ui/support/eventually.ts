/**
 * Reads a value of the page again until it is `expected`, then asserts it, so a failure still shows the difference.
 * For a value the page sets after an answer it waits for (a select filled once the people are read, a picture once
 * it has loaded), which a single read right after the page opens can catch before it is there.
 */
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
