import { useCallback, useId, useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import { HelperMessage, Label } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import type { TenantCheckView, TenantView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { CopyButton, Loading, Problem, Section, downloadBase64, formatAgo, formatDate, useLoad, useNow, type Loaded } from './common';
import { ConnectTeams, type Triggers } from './teams-connect';

type RowStatus =
  | { readonly kind: 'testing' }
  | { readonly kind: 'downloading' }
  | { readonly kind: 'ok'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

const rowKey = (t: TenantView) => `${t.channel}:${t.tenantId}`;

/** Configuration › Tenants: the connected Slack workspaces and Microsoft Teams tenants, and how to connect one. */
export function TenantsPanel({ tenants, reloadTenants }: { readonly tenants: Loaded<{ tenants: TenantView[] }>; readonly reloadTenants: () => void }) {
  const loadTriggers = useCallback(() => call('webtriggers/list', {}), []);
  const [triggers, reloadTriggers] = useLoad(loadTriggers);
  return (
    <Stack space="space.500">
      <Section
        title="Connected workspaces and tenants"
        description="Slack workspaces and Microsoft Teams tenants whose people can be operators or users of Koji in this project."
      >
        <TenantList tenants={tenants} reloadTenants={reloadTenants} />
      </Section>
      <ConnectSlack triggers={triggers} reloadTriggers={reloadTriggers} onConnected={reloadTenants} />
      <ConnectTeams triggers={triggers} reloadTriggers={reloadTriggers} onConnected={reloadTenants} />
    </Stack>
  );
}

function TenantList({ tenants, reloadTenants }: { readonly tenants: Loaded<{ tenants: TenantView[] }>; readonly reloadTenants: () => void }) {
  const [status, setStatus] = useState<Record<string, RowStatus>>({});
  const [confirming, setConfirming] = useState<TenantView | undefined>();
  const [disconnecting, setDisconnecting] = useState(false);
  const [disconnectError, setDisconnectError] = useState<string | undefined>();
  const now = useNow(30_000);

  if (tenants.state === 'failed') return <Problem title="The workspaces could not be listed" message={tenants.message} onRetry={reloadTenants} />;
  // While the list reloads (after a connect or disconnect), the last one stays on screen.
  const data = tenants.state === 'ready' ? tenants.data : tenants.previous;
  if (!data) return <Loading label="Loading connected workspaces" />;

  const setRow = (tenant: TenantView, row: RowStatus) => setStatus((s) => ({ ...s, [rowKey(tenant)]: row }));

  const test = (tenant: TenantView) => {
    setRow(tenant, { kind: 'testing' });
    const payload = { tenantId: tenant.tenantId };
    const named = tenant.channel === 'slack' ? call('slack/test', payload).then(nameOf((d) => d.teamName)) : call('teams/test', payload).then(nameOf((d) => d.name));
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

  const disconnect = (tenant: TenantView) => {
    setDisconnecting(true);
    setDisconnectError(undefined);
    const payload = { tenantId: tenant.tenantId };
    void (tenant.channel === 'slack' ? call('slack/disconnect', payload) : call('teams/disconnect', payload)).then((result) => {
      setDisconnecting(false);
      if (result.ok) {
        setConfirming(undefined);
        reloadTenants();
      } else {
        setDisconnectError(result.error.message);
      }
    });
  };

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
            {list.map((tenant) => {
              const rowStatus = status[rowKey(tenant)];
              const busy = rowStatus?.kind === 'testing' || rowStatus?.kind === 'downloading';
              return (
                <tr key={rowKey(tenant)}>
                  <td>
                    <span className="koji-strong">{tenant.name}</span>
                    <span className="koji-subtle">{tenant.channel === 'teams' ? `Tenant ${tenant.tenantId}` : tenant.tenantId}</span>
                    {tenant.appId ? <span className="koji-subtle">{`App ID ${tenant.appId}`}</span> : null}
                  </td>
                  <td>
                    <Lozenge appearance="inprogress">{tenant.channel === 'slack' ? 'Slack' : 'Microsoft Teams'}</Lozenge>
                  </td>
                  <td>{formatDate(tenant.connectedAt)}</td>
                  <td>
                    {tenant.pending ? <WaitingStatus /> : <CheckStatus check={tenant.lastCheck} now={now} />}
                  </td>
                  <td className="koji-actions">
                    <Stack space="space.050" alignInline="end">
                      <Inline space="space.100" shouldWrap alignInline="end">
                        {tenant.channel === 'teams' ? (
                          <Button onClick={() => download(tenant)} isLoading={rowStatus?.kind === 'downloading'} aria-label={`Download the Teams app package for ${tenant.name}`}>
                            Download Teams app package
                          </Button>
                        ) : null}
                        <Button onClick={() => test(tenant)} isLoading={rowStatus?.kind === 'testing'} aria-label={`Test connection to ${tenant.name}`}>
                          Test connection
                        </Button>
                        <Button
                          appearance="danger"
                          onClick={() => {
                            setDisconnectError(undefined);
                            setConfirming(tenant);
                          }}
                          aria-label={`Disconnect ${tenant.name}`}
                        >
                          Disconnect
                        </Button>
                      </Inline>
                      <span role="status" className={rowStatus?.kind === 'failed' ? 'koji-status-text koji-danger-text' : 'koji-status-text koji-success-text'}>
                        {rowStatus && !busy ? rowStatus.message : ''}
                      </span>
                    </Stack>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ModalTransition>
        {confirming ? (
          <Modal onClose={() => setConfirming(undefined)} width="small">
            <ModalHeader hasCloseButton>
              <ModalTitle appearance="danger">Disconnect {confirming.name}?</ModalTitle>
            </ModalHeader>
            <ModalBody>
              <Stack space="space.150">
                <Text as="p">
                  Right away, everything this {confirming.channel === 'slack' ? 'workspace' : 'tenant'} has open in Koji ends: its users’
                  conversations with operators and their places in the queue end, and operators on other workspaces who were talking to them are
                  told. Its operators go off duty and lose the Live agent role; users of other workspaces they were serving go to the front of the
                  queue for the next free operator.
                </Text>
                {confirming.channel === 'slack' ? (
                  <Text as="p">
                    Koji then stops handling messages from this Slack workspace and deletes its bot token and signing secret. You can connect it
                    again later with a new token; its people start with no role.
                  </Text>
                ) : (
                  <Text as="p">
                    Koji then stops handling messages from this Microsoft Teams tenant and deletes its bot’s client secret. The Teams app stays
                    installed, but Koji no longer answers in it. You can connect the tenant again later; its people start with no role.
                  </Text>
                )}
                {disconnectError ? (
                  <SectionMessage appearance="error" title="Not disconnected">
                    <Text as="p">{disconnectError}</Text>
                  </SectionMessage>
                ) : null}
              </Stack>
            </ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={() => setConfirming(undefined)}>
                Cancel
              </Button>
              <Button appearance="danger" isLoading={disconnecting} onClick={() => disconnect(confirming)}>
                Disconnect
              </Button>
            </ModalFooter>
          </Modal>
        ) : null}
      </ModalTransition>
    </>
  );
}

function ConnectSlack({ triggers, reloadTriggers, onConnected }: { readonly triggers: Loaded<Triggers>; readonly reloadTriggers: () => void; readonly onConnected: () => void }) {
  const id = useId();
  const loadManifest = useCallback(() => call('slack/manifest', {}), []);
  const [manifest, reloadManifest] = useLoad(loadManifest);
  const [botToken, setBotToken] = useState('');
  const [signingSecret, setSigningSecret] = useState('');
  const [connecting, setConnecting] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'connected'; name: string } | { kind: 'failed'; message: string } | undefined>();

  const connect = (event: FormEvent) => {
    event.preventDefault();
    if (connecting) return;
    setConnecting(true);
    setOutcome(undefined);
    void call('slack/connect', { botToken, signingSecret }).then((result) => {
      setConnecting(false);
      if (result.ok) {
        // The secrets are write-only: once stored they are never shown again.
        setBotToken('');
        setSigningSecret('');
        setOutcome({ kind: 'connected', name: result.data.tenant.name });
        onConnected();
      } else {
        setOutcome({ kind: 'failed', message: result.error.message });
      }
    });
  };

  const manifestText = manifest.state === 'ready' ? JSON.stringify(manifest.data.manifest, null, 2) : '';

  return (
    <Section title="Connect a Slack workspace" description="Koji talks to Slack through a Slack app you create in your workspace from the manifest below.">
      <ol className="koji-steps">
        <li>
          In Slack, open <span className="koji-strong">api.slack.com/apps</span>, choose <span className="koji-strong">Create New App › From an app manifest</span>,
          pick the workspace and paste the manifest below.
        </li>
        <li>
          Open <span className="koji-strong">Install App</span> and install the app to the workspace.
        </li>
        <li>
          Copy the <span className="koji-strong">Bot User OAuth Token</span> (OAuth &amp; Permissions) and the <span className="koji-strong">Signing Secret</span> (Basic
          Information › App Credentials), paste them here and connect.
        </li>
      </ol>

      <Stack space="space.050">
        <Label htmlFor={`${id}-trigger`}>Slack request URL of this site</Label>
        {triggers.state === 'loading' ? <Loading label="Loading the request URL" /> : null}
        {triggers.state === 'failed' ? <Problem title="The request URL could not be read" message={triggers.message} onRetry={reloadTriggers} /> : null}
        {triggers.state === 'ready' ? (
          <Inline space="space.100" alignBlock="center">
            <div className="koji-field-wide">
              <Textfield id={`${id}-trigger`} value={triggers.data.slack} isReadOnly aria-describedby={`${id}-trigger-help`} />
            </div>
            <CopyButton text={triggers.data.slack} label="Copy the Slack request URL" />
          </Inline>
        ) : null}
        <div id={`${id}-trigger-help`}>
          <HelperMessage>The manifest already uses it for events and interactivity.</HelperMessage>
        </div>
      </Stack>

      <Stack space="space.050">
        <Inline space="space.100" alignBlock="center" spread="space-between">
          <span className="koji-field-title" id={`${id}-manifest-title`}>
            Slack app manifest (JSON)
          </span>
          {manifest.state === 'ready' ? <CopyButton text={manifestText} label="Copy the Slack app manifest" /> : null}
        </Inline>
        {manifest.state === 'loading' ? <Loading label="Loading the Slack app manifest" /> : null}
        {manifest.state === 'failed' ? <Problem title="The manifest could not be made" message={manifest.message} onRetry={reloadManifest} /> : null}
        {manifest.state === 'ready' ? (
          <pre className="koji-code" tabIndex={0} aria-labelledby={`${id}-manifest-title`}>
            {manifestText}
          </pre>
        ) : null}
      </Stack>

      <form onSubmit={connect} aria-label="Connect a Slack workspace" autoComplete="off">
        <Stack space="space.200">
          <Inline space="space.300" shouldWrap>
            <Stack space="space.050">
              <Label htmlFor={`${id}-token`}>Bot User OAuth Token</Label>
              <div className="koji-field-medium">
                <Textfield
                  id={`${id}-token`}
                  name="botToken"
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="xoxb-…"
                  value={botToken}
                  onChange={(e) => setBotToken(e.currentTarget.value)}
                />
              </div>
            </Stack>
            <Stack space="space.050">
              <Label htmlFor={`${id}-secret`}>Signing Secret</Label>
              <div className="koji-field-medium">
                <Textfield
                  id={`${id}-secret`}
                  name="signingSecret"
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  value={signingSecret}
                  onChange={(e) => setSigningSecret(e.currentTarget.value)}
                />
              </div>
            </Stack>
          </Inline>
          <HelperMessage>Both are stored as secrets for this site and never shown again.</HelperMessage>
          {outcome?.kind === 'failed' ? (
            <SectionMessage appearance="error" title="The workspace was not connected">
              <Text as="p">{outcome.message}</Text>
            </SectionMessage>
          ) : null}
          {outcome?.kind === 'connected' ? (
            <SectionMessage appearance="success" title={`${outcome.name} is connected`}>
              <Text as="p">Give people the Live agent role in Tenant role setup.</Text>
            </SectionMessage>
          ) : null}
          <Inline>
            <Button type="submit" appearance="primary" isLoading={connecting} isDisabled={botToken.trim() === '' || signingSecret.trim() === ''}>
              Connect
            </Button>
          </Inline>
        </Stack>
      </form>
    </Section>
  );
}

/**
 * A Teams tenant whose id was typed but not proven yet: the first message of
 * its bot from that tenant binds it (the credentials alone say nothing about the tenant).
 */
function WaitingStatus() {
  return (
    <Stack space="space.050" alignInline="start">
      <Lozenge appearance="inprogress">Waiting</Lozenge>
      <span className="koji-subtle">Waiting for the first message from this tenant.</span>
    </Stack>
  );
}

/** The Status column: whether the connection worked when last checked, when that was, and why it failed. */
function CheckStatus({ check, now }: { readonly check: TenantCheckView | undefined; readonly now: number }) {
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

/** The name a test answered, or its error, whichever channel it came from. */
function nameOf<T>(pick: (data: T) => string) {
  return (result: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }) =>
    result.ok ? ({ ok: true, name: pick(result.data) } as const) : ({ ok: false, code: result.error.code, message: result.error.message } as const);
}
