import type { Locator } from 'playwright-core';

/**
 * Waits until the elements' texts are `expected`, then asserts them, so a failure still shows the difference.
 * A search re-renders its table through a loading state: reading the rows once, right after something old
 * disappears, can catch the table between the two.
 */
export async function expectTextsEventually(locator: Locator, expected: readonly unknown[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const texts = await locator.allTextContents();
    try {
      expect(texts).toEqual(expected);
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
