import { useEffect, useId, useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import { HelperMessage, Label } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import type { TenantUserView, TenantView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { Loading, Problem, useDebounced, type Loaded } from './common';

const FILTER_DELAY_MS = 300;

interface TenantOption {
  readonly label: string;
  readonly value: string;
  readonly tenant: TenantView;
}

type Listing =
  | { readonly key: string; readonly state: 'ready'; readonly users: readonly TenantUserView[]; readonly cursor?: string | undefined; readonly hint?: string | undefined }
  | { readonly key: string; readonly state: 'failed'; readonly message: string };

const tenantKey = (t: TenantView) => `${t.channel}:${t.tenantId}`;
const channelName = (t: TenantView) => (t.channel === 'slack' ? 'Slack' : 'Microsoft Teams');

/** Why a role holder is listed although they can't be an operator any more. */
const UNFIT_LABEL: Record<NonNullable<TenantUserView['unfit']>, string> = {
  slackbot: 'Slackbot',
  bot: 'Bot',
  deactivated: 'Deactivated',
  unknown: 'No longer listed',
};

/** Configuration › Tenants › Tenant role setup: who in a Slack workspace or Teams tenant has the Live agent role. */
export function RoleSetupPanel({ tenants, reloadTenants }: { readonly tenants: Loaded<{ tenants: TenantView[] }>; readonly reloadTenants: () => void }) {
  const id = useId();
  const [chosen, setChosen] = useState<string | undefined>();
  const [filter, setFilter] = useState('');
  const query = useDebounced(filter.trim(), FILTER_DELAY_MS);

  const list = tenants.state === 'ready' ? tenants.data.tenants : tenants.state === 'loading' ? tenants.previous?.tenants : undefined;
  const options = useMemo<TenantOption[]>(() => (list ?? []).map((t) => ({ label: `${t.name} (${channelName(t)})`, value: tenantKey(t), tenant: t })), [list]);
  // With a single workspace there is nothing to choose; a removed one is no longer chosen.
  const selected = options.find((o) => o.value === chosen) ?? (options.length === 1 ? options[0] : undefined);

  if (tenants.state === 'failed') return <Problem title="The workspaces could not be listed" message={tenants.message} onRetry={reloadTenants} />;
  if (tenants.state === 'loading' && options.length === 0) return <Loading label="Loading connected workspaces" />;
  if (options.length === 0) {
    return (
      <SectionMessage appearance="information" title="No workspace is connected yet">
        <Text as="p">
          Connect a Slack workspace or a Microsoft Teams tenant under Configuration › Tenants first; its people can then be given the Live agent
          role here.
        </Text>
      </SectionMessage>
    );
  }

  return (
    <Stack space="space.300">
      <Text as="p" color="color.text.subtle">
        People with the <span className="koji-strong">Live agent</span> role are operators: they answer users who ask for a person, from
        their chat with the Koji bot. Everyone else is a customer.
      </Text>
      <Inline space="space.300" shouldWrap alignBlock="end">
        <Stack space="space.050">
          <Label htmlFor={`${id}-tenant`}>Workspace</Label>
          <div className="koji-select-medium">
            <Select<TenantOption>
              inputId={`${id}-tenant`}
              options={options}
              value={selected ?? null}
              placeholder="Choose a workspace or tenant"
              onChange={(option) => setChosen(option?.value)}
            />
          </div>
        </Stack>
        <Stack space="space.050">
          <Label htmlFor={`${id}-filter`}>Filter by name or e-mail</Label>
          <div className="koji-field-medium">
            <Textfield
              id={`${id}-filter`}
              type="search"
              placeholder="e.g. Alice or alice@example.com"
              value={filter}
              onChange={(e) => setFilter(e.currentTarget.value)}
            />
          </div>
        </Stack>
      </Inline>
      {selected?.tenant.channel === 'teams' ? (
        <Text as="p" color="color.text.subtle">
          Teams people appear here once they install the Koji app or write to it.
        </Text>
      ) : null}
      {selected ? <PeopleTable key={selected.value} tenant={selected.tenant} query={query} /> : <HelperMessage>Choose a workspace or tenant to see its people.</HelperMessage>}
    </Stack>
  );
}

function PeopleTable({ tenant, query }: { readonly tenant: TenantView; readonly query: string }) {
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
  if (!shown) return <Loading label="Loading people" />;
  if (shown.state === 'failed') return <Problem title={`The people of ${tenant.name} could not be listed`} message={shown.message} onRetry={() => setRetry((r) => r + 1)} />;

  const loadMore = () => {
    if (!shown.cursor) return;
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

  return (
    <Stack space="space.200">
      {roleError ? (
        <SectionMessage appearance="error" title={`The role of ${roleError.name} was not changed`}>
          <Text as="p">{roleError.message}</Text>
        </SectionMessage>
      ) : null}
      <Inline space="space.200" alignBlock="center">
        <Text color="color.text.subtle" size="small">
          {shown.users.length === 1 ? '1 person' : `${shown.users.length} people`}
          {shown.cursor ? ' so far' : ''}
          {query ? ` matching “${query}”` : ''}
        </Text>
        <span role="status" className="koji-status-text koji-success-text">
          {announcement}
        </span>
      </Inline>
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
              <th scope="col">
                <span className="koji-offscreen">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.users.map((user) => (
              <tr key={user.userId} data-user-id={user.userId}>
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
                <td className="koji-actions">
                  {user.self ? (
                    // The resolver refuses it anyway (as in Koji): no button that can only fail.
                    <span className="koji-subtle">You can’t change your own role</span>
                  ) : user.role === 'live-agent' ? (
                    <Button isLoading={busy[user.userId] === true} onClick={() => change(user, 'revoke')} aria-label={`Remove the Live agent role from ${user.displayName}`}>
                      Remove
                    </Button>
                  ) : (
                    <Button appearance="primary" isLoading={busy[user.userId] === true} onClick={() => change(user, 'grant')} aria-label={`Set ${user.displayName} as Live agent`}>
                      Set
                    </Button>
                  )}
                </td>
              </tr>
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
    </Stack>
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
