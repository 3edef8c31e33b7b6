import { Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { TenantView } from '../../../src/shared/resolver-contract';
import { Loading, Problem } from './common';
import { DisconnectDialog } from './disconnect-dialog';
import { useNow, type Loaded } from './load';
import { rowKey, useDisconnect, useRowActions } from './tenant-actions';
import { TenantRow } from './tenant-row';

/** The connected workspaces and tenants, each with its status and actions. */
export function TenantList({ tenants, reloadTenants }: { readonly tenants: Loaded<{ tenants: TenantView[] }>; readonly reloadTenants: () => void }) {
  const rows = useRowActions(reloadTenants);
  const disconnect = useDisconnect(reloadTenants);
  const now = useNow(30_000);

  if (tenants.state === 'failed') return <Problem title="The workspaces could not be listed" message={tenants.message} onRetry={reloadTenants} />;
  // While the list reloads (after a connect or disconnect), the last one stays on screen.
  const data = tenants.state === 'ready' ? tenants.data : tenants.previous;
  if (!data) return <Loading label="Loading connected workspaces" />;

  const list = data.tenants;
  return (
    <>
      {list.length === 0 ? (
        <SectionMessage appearance="information" title="No workspace is connected yet">
          <Text as="p">Connect a Slack workspace or a Microsoft Teams tenant below; its people can then be given the Live agent role.</Text>
        </SectionMessage>
      ) : (
        <table className="koji-table" aria-label="Connected workspaces and tenants">
          <thead>
            <tr>
              <th scope="col">Workspace or tenant</th>
              <th scope="col">Channel</th>
              <th scope="col">Connected</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="koji-offscreen">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((tenant) => (
              <TenantRow
                key={rowKey(tenant)}
                tenant={tenant}
                rowStatus={rows.status[rowKey(tenant)]}
                now={now}
                onTest={() => rows.test(tenant)}
                onDownload={() => rows.download(tenant)}
                onDisconnect={() => disconnect.ask(tenant)}
              />
            ))}
          </tbody>
        </table>
      )}
      <DisconnectDialog
        tenant={disconnect.confirming}
        disconnecting={disconnect.disconnecting}
        error={disconnect.error}
        onCancel={disconnect.cancel}
        onConfirm={disconnect.disconnect}
      />
    </>
  );
}
