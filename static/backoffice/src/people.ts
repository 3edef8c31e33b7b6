import { useCallback, useEffect, useState } from 'react';
import type { TenantUserView, TenantView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { useChanged, useReloadOnChange } from './changes';
import { useFlags } from './flags';

/** `generation` is the read that answered; `at` when it did. */
type Listing =
  | {
      readonly key: string;
      readonly generation: number;
      readonly at: number;
      readonly state: 'ready';
      readonly users: readonly TenantUserView[];
      readonly cursor?: string | undefined;
      readonly hint?: string | undefined;
    }
  | { readonly key: string; readonly generation: number; readonly at: number; readonly state: 'failed'; readonly message: string };

type Ready = Extract<Listing, { state: 'ready' }>;

export const tenantKey = (t: TenantView) => `${t.channel}:${t.tenantId}`;

/**
 * The first page read again, with the later pages the admin had loaded kept below it: reading
 * again after a change must not take away the row they just changed on page three.
 */
function merged(fresh: Ready, old: Listing | undefined): Ready {
  if (old?.key !== fresh.key || old.state !== 'ready') return fresh;
  const firstPage = new Set(fresh.users.map((u) => u.userId));
  const later = old.users.filter((u) => !firstPage.has(u.userId));
  return later.length === 0 ? fresh : { ...fresh, users: [...fresh.users, ...later], cursor: old.cursor, hint: old.hint };
}

/**
 * The people of `tenant` matching `query`, page by page, and their Live agent role changes.
 * `shown` is undefined while the first page of this tenant and query loads, or with no tenant;
 * it is read again on `refresh` and after every change made from the page.
 */
export function usePeople(tenant: TenantView | undefined, query: string) {
  const key = tenant ? `${tenantKey(tenant)}|${query}` : '';
  const [listing, setListing] = useState<Listing | undefined>();
  const [generation, setGeneration] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | undefined>();
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const flags = useFlags();
  const changed = useChanged();
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  useReloadOnChange(refresh);

  useEffect(() => {
    if (!tenant) return;
    let current = true;
    void call('tenant-users/list', { channel: tenant.channel, tenantId: tenant.tenantId, ...(query ? { query } : {}) }).then((result) => {
      if (!current) return;
      const read = { key, generation, at: Date.now() };
      setListing((old) =>
        result.ok
          ? merged({ ...read, state: 'ready', users: result.data.users, cursor: result.data.cursor, hint: result.data.hint }, old)
          : { ...read, state: 'failed', message: result.error.message },
      );
    });
    return () => {
      current = false;
    };
  }, [tenant, query, key, generation]);

  const shown = tenant && listing?.key === key ? listing : undefined;
  const refreshing = tenant !== undefined && listing?.generation !== generation;

  const loadMore = () => {
    if (!tenant || shown?.state !== 'ready' || !shown.cursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    void call('tenant-users/list', { channel: tenant.channel, tenantId: tenant.tenantId, cursor: shown.cursor, ...(query ? { query } : {}) }).then((result) => {
      setLoadingMore(false);
      if (!result.ok) return setMoreError(result.error.message);
      setListing((l) =>
        l?.key === key && l.state === 'ready'
          ? { ...l, users: [...l.users, ...result.data.users.filter((u) => !l.users.some((v) => v.userId === u.userId))], cursor: result.data.cursor, hint: result.data.hint }
          : l,
      );
    });
  };

  const replaceRow = (user: TenantUserView) =>
    setListing((l) => (l?.key === key && l.state === 'ready' ? { ...l, users: l.users.map((u) => (u.userId === user.userId ? user : u)) } : l));

  const change = (user: TenantUserView, action: 'grant' | 'revoke') => {
    if (!tenant) return;
    setBusy((b) => ({ ...b, [user.userId]: true }));
    const payload = { channel: tenant.channel, tenantId: tenant.tenantId, userId: user.userId };
    void (action === 'grant' ? call('roles/grant', payload) : call('roles/revoke', payload)).then(async (result) => {
      if (!result.ok) {
        setBusy((b) => ({ ...b, [user.userId]: false }));
        flags.failed({ title: `The role of ${user.displayName} was not changed`, description: result.error.message });
        return;
      }
      // Read the row again: role, duty and load as Koji now has them, wherever it is in the list.
      const fresh = await call('tenant-users/list', { channel: tenant.channel, tenantId: tenant.tenantId, query: user.email ?? user.displayName });
      const row = fresh.ok ? fresh.data.users.find((u) => u.userId === user.userId) : undefined;
      replaceRow(row ?? { ...user, role: action === 'grant' ? 'live-agent' : 'none', duty: undefined, load: undefined, capacity: undefined });
      setBusy((b) => ({ ...b, [user.userId]: false }));
      flags.succeeded(
        action === 'grant'
          ? { title: `${user.displayName} is now a Live agent`, description: 'Koji told them in their chat; they start a shift by writing #on to the Koji bot.' }
          : { title: `${user.displayName} is no longer a Live agent`, description: 'Koji told them in their chat; users they were serving went to another operator or the front of the queue, or were offered a ticket if nobody else was on duty.' },
      );
      changed();
    });
  };

  return { shown, refreshing, refresh, loadMore, loadingMore, moreError, busy, change };
}

export type People = ReturnType<typeof usePeople>;
