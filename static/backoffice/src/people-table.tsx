import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { TenantUserView, TenantView } from '../../../src/shared/resolver-contract';
import { Loading, Problem } from './common';
import type { People } from './people';
import { useOperatorCapacity } from './operator-capacity';
import { PersonRow } from './person-row';
import { RemoveRoleDialog } from './remove-role-dialog';

/** The people of one workspace or tenant matching `query`, with their role, duty and load, page by page. */
export function PeopleTable({ tenant, query, people }: { readonly tenant: TenantView; readonly query: string; readonly people: People }) {
  const { shown, refresh, loadMore, loadingMore, moreError, busy, change } = people;
  // Set is undone by Remove; Remove ends conversations, so it asks first.
  const [removing, setRemoving] = useState<TenantUserView | undefined>();
  const capacity = useOperatorCapacity(tenant);
  if (!shown) return <Loading label="Loading people" />;
  if (shown.state === 'failed') return <Problem title={`The people of ${tenant.name} could not be listed`} message={shown.message} onRetry={refresh} />;

  const onChange = (user: TenantUserView, action: 'grant' | 'revoke') => (action === 'revoke' ? setRemoving(user) : change(user, 'grant'));
  return (
    <Stack space="space.200">
      <Text color="color.text.subtle" size="small">
        {shown.users.length === 1 ? '1 person' : `${shown.users.length} people`}
        {shown.cursor ? ' so far' : ''}
        {query ? ` matching “${query}”` : ''}
      </Text>
      {shown.users.length === 0 ? (
        <SectionMessage appearance="information" title={shown.cursor ? 'Nobody found yet' : 'Nobody found'}>
          <Text as="p">
            {query ? `Nobody in ${tenant.name} matches “${query}”${shown.cursor ? ' so far' : ''}.` : `${tenant.name} has nobody Koji can list${shown.cursor ? ' so far' : ''}.`}
          </Text>
        </SectionMessage>
      ) : (
        <table className="koji-table" aria-label={`People of ${tenant.name}`}>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              <th scope="col">Duty</th>
              <th scope="col">Load</th>
              <th scope="col">Own capacity</th>
              <th scope="col">
                <span className="koji-offscreen">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.users.map((user) => (
              <PersonRow
                key={user.userId}
                user={user}
                busy={busy[user.userId] === true}
                onChange={onChange}
                capacityBusy={capacity.busy === user.userId}
                onCapacity={capacity.setCapacity}
              />
            ))}
          </tbody>
        </table>
      )}
      {moreError ? <Problem title="More people could not be loaded" message={moreError} /> : null}
      {shown.cursor && shown.hint ? (
        <Text as="p" color="color.text.subtle" size="small">
          {shown.hint}
        </Text>
      ) : null}
      {shown.cursor ? (
        <Inline>
          <Button onClick={loadMore} isLoading={loadingMore}>
            Load more
          </Button>
        </Inline>
      ) : null}
      <RemoveRoleDialog
        user={removing}
        onCancel={() => setRemoving(undefined)}
        onConfirm={(user) => {
          setRemoving(undefined);
          change(user, 'revoke');
        }}
      />
    </Stack>
  );
}
