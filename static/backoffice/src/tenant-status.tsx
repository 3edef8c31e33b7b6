import Lozenge from '@atlaskit/lozenge';
import { Stack } from '@atlaskit/primitives';
import type { TenantCheckView } from '../../../src/shared/resolver-contract';
import { formatAgo, formatDate } from './format';

/**
 * A Teams tenant whose id was typed but not proven yet: the first message of
 * its bot from that tenant binds it (the credentials alone say nothing about the tenant).
 */
export function WaitingStatus() {
  return (
    <Stack space="space.050" alignInline="start">
      <Lozenge appearance="inprogress">Waiting</Lozenge>
      <span className="koji-subtle">Waiting for the first message from this tenant.</span>
    </Stack>
  );
}

/** The Status column: whether the connection worked when last checked, when that was, and why it failed. */
export function CheckStatus({ check, now }: { readonly check: TenantCheckView | undefined; readonly now: number }) {
  if (!check) {
    return (
      <Stack space="space.050" alignInline="start">
        <Lozenge>Not checked</Lozenge>
        <span className="koji-subtle">Test connection to check it.</span>
      </Stack>
    );
  }
  return (
    <Stack space="space.050" alignInline="start">
      <Lozenge appearance={check.ok ? 'success' : 'removed'}>{check.ok ? 'Working' : 'Failing'}</Lozenge>
      <span className="koji-subtle" title={formatDate(check.at)}>{`${check.source === 'traffic' ? 'seen' : 'checked'} ${formatAgo(check.at, now)}`}</span>
      {!check.ok && check.message ? <span className="koji-status-text koji-danger-text koji-check-reason">{check.message}</span> : null}
    </Stack>
  );
}
