import type { LocalPlatform } from '../packages/forge-local/src/platform';

/**
 * Reaching the running app as people do, for `npm start`'s one-click set-up, the screenshots and the specs: an
 * admin step through the backoffice's resolvers over the page's `invoke` path, and waiting until what a step set
 * off is done.
 */

/** What a resolver answers, as the page's `invoke` receives it. */
export type AdminResult = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };

/** An admin step, as the backoffice page's `invoke` reaches the resolver: signed in as `as`, the Jira admin unless said. */
export async function invokeBackoffice(platform: LocalPlatform, functionKey: string, payload: unknown = {}, as = 'local-admin'): Promise<AdminResult> {
  const response = await fetch(`${platform.url}/__forge/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-koji-local-account': as },
    body: JSON.stringify({ moduleKey: 'koji-backoffice', functionKey, payload }),
  });
  return ((await response.json()) as { result: AdminResult }).result;
}

/**
 * Waits until the sandboxes' deliveries, the app's queued work and what that work made the sandboxes send are all
 * done. `leavingLaterThanMs`: queued events due further ahead are not waited for (see LocalQueue.drained).
 */
export async function settle(platform: LocalPlatform, options: { readonly leavingLaterThanMs?: number } = {}): Promise<void> {
  await platform.productEvents.whenIdle();
  await platform.slack?.whenIdle();
  await platform.teams?.whenIdle();
  await platform.queue.drained(options);
  await platform.slack?.whenIdle();
  await platform.teams?.whenIdle();
}
