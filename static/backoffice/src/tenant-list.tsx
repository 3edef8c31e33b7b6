import { Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { TenantView } from '../../../src/shared/resolver-contract';
import { channelWords, type Channel } from './channels';
import { DisconnectDialog } from './disconnect-dialog';
import { useNow } from './load';
import { rowKey, useDisconnect, useRowActions } from './tenant-actions';
import { TenantRow } from './tenant-row';

/** The connected Slack workspaces or Teams tenants, each with its status and actions. */
export function TenantList({ channel, tenants, onDisconnected }: { readonly channel: Channel; readonly tenants: readonly TenantView[]; readonly onDisconnected: (tenant: TenantView) => void }) {
  const rows = useRowActions();
  const disconnect = useDisconnect(onDisconnected);
  const now = useNow(30_000);
  const words = channelWords(channel);

  return (
    <>
      {tenants.length === 0 ? (
        <SectionMessage appearance="information" title={`No ${words.one} is connected yet`}>
          <Text as="p">{`Connect a ${words.one} below; its people can then be given the Live agent role in Role setup.`}</Text>
        </SectionMessage>
      ) : (
        <table className="koji-table" aria-label={`Connected ${words.many}`}>
          <thead>
            <tr>
              <th scope="col">{words.one}</th>
              <th scope="col">Connected</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="koji-offscreen">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tenants.map((tenant) => (
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
      <DisconnectDialog tenant={disconnect.confirming} disconnecting={disconnect.disconnecting} onCancel={disconnect.cancel} onConfirm={disconnect.disconnect} />
    </>
  );
}
