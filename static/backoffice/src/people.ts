import { useEffect, useState } from 'react';
import type { TenantUserView, TenantView } from '../../../src/shared/resolver-contract';
import { call } from './api';

type Listing =
  | { readonly key: string; readonly state: 'ready'; readonly users: readonly TenantUserView[]; readonly cursor?: string | undefined; readonly hint?: string | undefined }
  | { readonly key: string; readonly state: 'failed'; readonly message: string };

export const tenantKey = (t: TenantView) => `${t.channel}:${t.tenantId}`;

/**
 * The people of `tenant` matching `query`, page by page, and their Live agent role changes.
 * `shown` is undefined while the first page of this tenant and query loads.
 */
export function usePeople(tenant: TenantView, query: string) {
  const key = `${tenantKey(tenant)}|${query}`;
  const [listing, setListing] = useState<Listing | undefined>();
  const [retry, setRetry] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | undefined>();
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [roleError, setRoleError] = useState<{ name: string; message: string } | undefined>();
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    let current = true;
    void call('tenant-users/list', { channel: tenant.channel, tenantId: tenant.tenantId, ...(query ? { query } : {}) }).then((result) => {
      if (!current) return;
      setListing(
        result.ok ? { key, state: 'ready', users: result.data.users, cursor: result.data.cursor, hint: result.data.hint } : { key, state: 'failed', message: result.error.message },
      );
    });
    return () => {
      current = false;
    };
  }, [tenant, query, key, retry]);

  const shown = listing?.key === key ? listing : undefined;
  const loadMore = () => {
    if (shown?.state !== 'ready' || !shown.cursor) return;
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
    setBusy((b) => ({ ...b, [user.userId]: true }));
    setRoleError(undefined);
    setAnnouncement('');
    const payload = { channel: tenant.channel, tenantId: tenant.tenantId, userId: user.userId };
    void (action === 'grant' ? call('roles/grant', payload) : call('roles/revoke', payload)).then(async (result) => {
      if (!result.ok) {
        setBusy((b) => ({ ...b, [user.userId]: false }));
        setRoleError({ name: user.displayName, message: result.error.message });
        return;
      }
      // Read the row again: role, duty and load as Koji now has them.
      const fresh = await call('tenant-users/list', { channel: tenant.channel, tenantId: tenant.tenantId, query: user.email ?? user.displayName });
      const row = fresh.ok ? fresh.data.users.find((u) => u.userId === user.userId) : undefined;
      replaceRow(row ?? { ...user, role: action === 'grant' ? 'live-agent' : 'none', duty: undefined, load: undefined, capacity: undefined });
      setBusy((b) => ({ ...b, [user.userId]: false }));
      setAnnouncement(action === 'grant' ? `${user.displayName} is now a Live agent.` : `${user.displayName} is no longer a Live agent.`);
    });
  };

  return { shown, retry: () => setRetry((r) => r + 1), loadMore, loadingMore, moreError, busy, roleError, announcement, change };
}
