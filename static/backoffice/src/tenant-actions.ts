import { useState } from 'react';
import type { ResolverResult, TenantView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { downloadBase64 } from './browser';

export type RowStatus =
  | { readonly kind: 'testing' }
  | { readonly kind: 'downloading' }
  | { readonly kind: 'ok'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

export const rowKey = (t: TenantView) => `${t.channel}:${t.tenantId}`;

/** Testing a connection and downloading a Teams app package, with what each row says about it. */
export function useRowActions(reloadTenants: () => void) {
  const [status, setStatus] = useState<Record<string, RowStatus>>({});
  const setRow = (tenant: TenantView, row: RowStatus) => setStatus((s) => ({ ...s, [rowKey(tenant)]: row }));

  const test = (tenant: TenantView) => {
    setRow(tenant, { kind: 'testing' });
    const named = call('tenants/test', { channel: tenant.channel, tenantId: tenant.tenantId }).then(nameOf((d) => ('teamName' in d ? d.teamName : d.name)));
    void named.then((result) => {
      if (result.ok) setRow(tenant, { kind: 'ok', message: `Connected to ${result.name}.` });
      // A failed test is recorded with its reason, which the Status column shows once the list is read again.
      else setRow(tenant, { kind: 'failed', message: result.code === 'tenant_connection_failed' ? 'The test failed: see Status.' : result.message });
      reloadTenants();
    });
  };

  const download = (tenant: TenantView) => {
    setRow(tenant, { kind: 'downloading' });
    void call('teams/package', { tenantId: tenant.tenantId }).then((result) => {
      if (!result.ok) return setRow(tenant, { kind: 'failed', message: result.error.message });
      downloadBase64(result.data.fileName, result.data.zipBase64, 'application/zip');
      setRow(tenant, { kind: 'ok', message: `${result.data.fileName} downloaded: upload it in Teams.` });
    });
  };

  return { status, test, download };
}

/** Disconnecting a workspace or tenant: the one being confirmed, the call, and why it failed. */
export function useDisconnect(reloadTenants: () => void) {
  const [confirming, setConfirming] = useState<TenantView | undefined>();
  const [disconnecting, setDisconnecting] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const ask = (tenant: TenantView) => {
    setError(undefined);
    setConfirming(tenant);
  };

  const disconnect = (tenant: TenantView) => {
    setDisconnecting(true);
    setError(undefined);
    void call('tenants/disconnect', { channel: tenant.channel, tenantId: tenant.tenantId }).then((result) => {
      setDisconnecting(false);
      if (result.ok) {
        setConfirming(undefined);
        reloadTenants();
      } else {
        setError(result.error.message);
      }
    });
  };

  return { confirming, disconnecting, error, ask, cancel: () => setConfirming(undefined), disconnect };
}

/** The name a test answered (a Slack workspace's or a Teams tenant's), or its error. */
function nameOf<T>(pick: (data: T) => string) {
  return (result: ResolverResult<T>) =>
    result.ok ? ({ ok: true, name: pick(result.data) } as const) : ({ ok: false, code: result.error.code, message: result.error.message } as const);
}
