import type { kvs as KvsClient } from '@forge/kvs';

type Kvs = typeof KvsClient;

/** The outcome of the last connection check of a tenant (connecting, or Test connection). */
export interface TenantCheck {
  readonly ok: boolean;
  readonly at: number;
  /** Why it failed, in words for the admin. */
  readonly message?: string | undefined;
}

/**
 * Puts `check` on a tenant's public summary (its secret is not touched). Nothing is written
 * when the tenant is gone; a summary written back while a disconnect deleted the secret is
 * deleted again, so a disconnected tenant is never listed.
 */
export async function recordCheckOnSummary(kvs: Kvs, keys: { readonly summary: string; readonly secret: string }, check: TenantCheck): Promise<void> {
  const summary = await kvs.get<Record<string, unknown>>(keys.summary);
  if (!summary) return;
  await kvs.set(keys.summary, { ...summary, lastCheck: check });
  if (!(await kvs.getSecret(keys.secret))) await kvs.delete(keys.summary);
}
