import Button from '@atlaskit/button/new';
import { Inline } from '@atlaskit/primitives';
import type { TenantView } from '../../../src/shared/resolver-contract';
import { formatDate } from './format';
import type { RowStatus } from './tenant-actions';
import { CheckStatus, WaitingStatus } from './tenant-status';

interface TenantRowProps {
  readonly tenant: TenantView;
  readonly rowStatus: RowStatus | undefined;
  readonly now: number;
  readonly onTest: () => void;
  readonly onDownload: () => void;
  readonly onDisconnect: () => void;
}

/** One connected Slack workspace or Teams tenant: what it is, since when, whether it works, and what can be done with it. */
export function TenantRow({ tenant, rowStatus, now, onTest, onDownload, onDisconnect }: TenantRowProps) {
  return (
    <tr>
      <td>
        <span className="koji-strong">{tenant.name}</span>
        <span className="koji-subtle">{tenant.channel === 'teams' ? `Tenant ${tenant.tenantId}` : tenant.tenantId}</span>
        {tenant.appId ? <span className="koji-subtle">{`App ID ${tenant.appId}`}</span> : null}
      </td>
      <td>{formatDate(tenant.connectedAt)}</td>
      <td>
        {tenant.pending ? <WaitingStatus /> : <CheckStatus check={tenant.lastCheck} now={now} />}
        {tenant.notices?.map((notice) => (
          <span key={notice} className="koji-status-text koji-check-reason koji-scope-notice" role="note">
            {notice}
          </span>
        ))}
      </td>
      <td className="koji-actions">
        <Inline space="space.100" shouldWrap alignInline="end">
          {tenant.channel === 'teams' ? (
            <Button onClick={onDownload} isLoading={rowStatus?.kind === 'downloading'} aria-label={`Download the Teams app package for ${tenant.name}`}>
              Download Teams app package
            </Button>
          ) : null}
          <Button onClick={onTest} isLoading={rowStatus?.kind === 'testing'} aria-label={`Test connection to ${tenant.name}`}>
            Test connection
          </Button>
          <Button appearance="danger" onClick={onDisconnect} aria-label={`Disconnect ${tenant.name}`}>
            Disconnect
          </Button>
        </Inline>
      </td>
    </tr>
  );
}
