import type { Locator } from 'playwright-core';
import { expectEventually } from '../../support/eventually';

/**
 * Waits until the elements' texts are `expected`, then asserts them, so a failure still shows the difference.
 * A search re-renders its table through a loading state: reading the rows once, right after something old
 * disappears, can catch the table between the two.
 */
export async function expectTextsEventually(locator: Locator, expected: readonly unknown[], timeoutMs = 10_000): Promise<void> {
  await expectEventually(() => locator.allTextContents(), expected, timeoutMs);
}
