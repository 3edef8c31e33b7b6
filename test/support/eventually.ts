/**
 * Waits until `check` holds, or fails naming `what`. For specs whose subject works on its own clock (a
 * thread, a timer, a queue): one fixed pause is too short on a busy CI machine and slow everywhere else.
 */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() >= deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
