import { useState } from 'react';
import type { ResolverResult, TenantView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { downloadBase64 } from './browser';
import { useChanged } from './changes';
import { useFlags } from './flags';

/** What a row is busy with; how it ended is flagged. */
export type RowStatus = { readonly kind: 'testing' } | { readonly kind: 'downloading' };

export const rowKey = (t: TenantView) => `${t.channel}:${t.tenantId}`;

/** Testing a connection and downloading a Teams app package. */
export function useRowActions() {
  const [status, setStatus] = useState<Record<string, RowStatus | undefined>>({});
  const flags = useFlags();
  const changed = useChanged();
  const setRow = (tenant: TenantView, row: RowStatus | undefined) => setStatus((s) => ({ ...s, [rowKey(tenant)]: row }));

  const test = (tenant: TenantView) => {
    setRow(tenant, { kind: 'testing' });
    const named = call('tenants/test', { channel: tenant.channel, tenantId: tenant.tenantId }).then(nameOf((d) => ('teamName' in d ? d.teamName : d.name)));
    void named.then((result) => {
      setRow(tenant, undefined);
      if (result.ok) flags.succeeded({ title: `Connected to ${result.name}`, description: `The connection to ${tenant.name} works.` });
      else flags.failed({ title: `The test of ${tenant.name} failed`, description: result.message });
      // Passed or failed, the test is recorded: the Status column and the Overview read it again.
      changed();
    });
  };

  const download = (tenant: TenantView) => {
    setRow(tenant, { kind: 'downloading' });
    void call('teams/package', { tenantId: tenant.tenantId }).then((result) => {
      setRow(tenant, undefined);
      if (!result.ok) return flags.failed({ title: `The Teams app package for ${tenant.name} was not downloaded`, description: result.error.message });
      downloadBase64(result.data.fileName, result.data.zipBase64, 'application/zip');
      flags.succeeded({ title: `${result.data.fileName} downloaded`, description: 'Upload it in Teams: Apps › Manage your apps › Upload an app.' });
    });
  };

  return { status, test, download };
}

/** Disconnecting a workspace or tenant: the one being confirmed, and the call. */
export function useDisconnect(onDisconnected: (tenant: TenantView) => void) {
  const [confirming, setConfirming] = useState<TenantView | undefined>();
  const [disconnecting, setDisconnecting] = useState(false);
  const flags = useFlags();
  const changed = useChanged();

  const disconnect = (tenant: TenantView, erasePeople = false) => {
    setDisconnecting(true);
    void call('tenants/disconnect', { channel: tenant.channel, tenantId: tenant.tenantId, ...(erasePeople ? { erasePeople } : {}) }).then((result) => {
      setDisconnecting(false);
      if (result.ok) {
        setConfirming(undefined);
        const erasing = result.data.erasing ? ' Its people’s data is being erased in the background.' : '';
        flags.succeeded({ title: `${tenant.name} is disconnected`, description: `Koji no longer handles its messages, and its people have no role.${erasing}` });
        onDisconnected(tenant);
        changed();
      } else {
        // The dialog stays open: Disconnect can be tried again, or cancelled.
        flags.failed({ title: `${tenant.name} was not disconnected`, description: result.error.message });
      }
    });
  };

  return { confirming, disconnecting, ask: setConfirming, cancel: () => setConfirming(undefined), disconnect };
}

/** The name a test answered (a Slack workspace's or a Teams tenant's), or its error. */
function nameOf<T>(pick: (data: T) => string) {
  return (result: ResolverResult<T>) => (result.ok ? ({ ok: true, name: pick(result.data) } as const) : ({ ok: false, message: result.error.message } as const));
}
