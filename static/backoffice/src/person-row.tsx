import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { TenantUserView } from '../../../src/shared/resolver-contract';
import { CapacityField } from './capacity-field';

/** Why a role holder is listed although they can't be an operator any more. */
const UNFIT_LABEL: Record<NonNullable<TenantUserView['unfit']>, string> = {
  slackbot: 'Slackbot',
  bot: 'Bot',
  deactivated: 'Deactivated',
  unknown: 'No longer listed',
};

interface PersonRowProps {
  readonly user: TenantUserView;
  readonly busy: boolean;
  readonly onChange: (user: TenantUserView, action: 'grant' | 'revoke') => void;
  readonly capacityBusy: boolean;
  readonly onCapacity: (user: TenantUserView, capacity: number | null) => void;
}

/** One person of a workspace: who, their role, duty, load and capacity, and the button that changes their role. */
export function PersonRow({ user, busy, onChange, capacityBusy, onCapacity }: PersonRowProps) {
  return (
    <tr data-user-id={user.userId}>
      <td>
        <span className="koji-strong">{user.displayName}</span>
        {user.email ? <span className="koji-subtle">{user.email}</span> : null}
        {user.unfit ? (
          <span>
            <Lozenge appearance="removed">{UNFIT_LABEL[user.unfit]}</Lozenge>
          </span>
        ) : null}
      </td>
      <td>{user.role === 'live-agent' ? <Lozenge appearance="success">Live agent</Lozenge> : <Lozenge>Customer</Lozenge>}</td>
      <td>
        {user.role === 'live-agent' ? (
          user.duty === 'on' ? (
            <Lozenge appearance="inprogress">On duty</Lozenge>
          ) : (
            <Lozenge appearance="default">Off duty</Lozenge>
          )
        ) : (
          <NotApplicable label="not an operator" />
        )}
      </td>
      <td>
        {user.role === 'live-agent' && user.load !== undefined ? (
          <>
            <span className="koji-offscreen">{`${user.load} of ${user.capacity ?? '?'} conversations: `}</span>
            <span aria-hidden="true">{`${user.load}/${user.capacity ?? '?'}`}</span>
          </>
        ) : (
          <NotApplicable label="no load" />
        )}
      </td>
      <td>
        {user.role === 'live-agent' ? (
          // Read again after a change: the field starts over from what Koji now has.
          <CapacityField key={String(user.ownCapacity)} user={user} busy={capacityBusy} onSet={(capacity) => onCapacity(user, capacity)} />
        ) : (
          <NotApplicable label="no capacity" />
        )}
      </td>
      <td className="koji-actions">
        {user.self ? (
          // The resolver refuses it anyway (as in Koji): no button that can only fail.
          <span className="koji-subtle">You can’t change your own role</span>
        ) : user.role === 'live-agent' ? (
          <Button isLoading={busy} onClick={() => onChange(user, 'revoke')} aria-label={`Remove the Live agent role from ${user.displayName}`}>
            Remove
          </Button>
        ) : (
          <Button appearance="primary" isLoading={busy} onClick={() => onChange(user, 'grant')} aria-label={`Set ${user.displayName} as Live agent`}>
            Set
          </Button>
        )}
      </td>
    </tr>
  );
}

function NotApplicable({ label }: { readonly label: string }) {
  return (
    <>
      <span className="koji-subtle" aria-hidden="true">
        –
      </span>
      <span className="koji-offscreen">{label}</span>
    </>
  );
}
