import { useId, useState, type FormEvent, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { HelperMessage, Label } from '@atlaskit/form';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import type { ResolverContract } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { CopyButton, Loading, Problem, Section, type Loaded } from './common';

export type Triggers = ResolverContract['webtriggers/list']['response'];

type Outcome = { readonly kind: 'connected'; readonly name: string } | { readonly kind: 'failed'; readonly message: string };

/** Configuration › Tenants: how to connect a Microsoft Teams tenant through its Azure Bot. */
export function ConnectTeams({ triggers, reloadTriggers, onConnected }: { readonly triggers: Loaded<Triggers>; readonly reloadTriggers: () => void; readonly onConnected: () => void }) {
  const id = useId();
  const [tenantId, setTenantId] = useState('');
  const [name, setName] = useState('');
  const [appId, setAppId] = useState('');
  const [appPassword, setAppPassword] = useState('');
  const [botTenantId, setBotTenantId] = useState('');
  const [connecting, setConnecting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();

  const connect = (event: FormEvent) => {
    event.preventDefault();
    if (connecting) return;
    setConnecting(true);
    setOutcome(undefined);
    const botTenant = botTenantId.trim();
    void call('teams/connect', { tenantId: tenantId.trim(), name: name.trim(), appId: appId.trim(), appPassword, ...(botTenant ? { botTenantId: botTenant } : {}) }).then((result) => {
      setConnecting(false);
      if (result.ok) {
        // The client secret is write-only: once stored it is never shown again.
        setAppPassword('');
        setOutcome({ kind: 'connected', name: result.data.tenant.name });
        onConnected();
      } else {
        setOutcome({ kind: 'failed', message: result.error.message });
      }
    });
  };

  const missing = tenantId.trim() === '' || appId.trim() === '' || appPassword.trim() === '';

  return (
    <Section title="Connect a Microsoft Teams tenant" description="Koji talks to Microsoft Teams through an Azure Bot you create in your Microsoft Entra tenant.">
      <ol className="koji-steps">
        <li>
          In the Azure portal, create an <span className="koji-strong">Azure Bot</span> with the type of app <span className="koji-strong">Single Tenant</span> and a new
          Microsoft App ID.
        </li>
        <li>
          In the bot, open <span className="koji-strong">Channels</span> and add the <span className="koji-strong">Microsoft Teams</span> channel.
        </li>
        <li>
          In the bot’s <span className="koji-strong">Configuration</span>, set the <span className="koji-strong">Messaging endpoint</span> to the URL below.
        </li>
        <li>
          From the Configuration, open the app registration (<span className="koji-strong">Manage Password</span>), create a client secret under{' '}
          <span className="koji-strong">Certificates &amp; secrets</span> and copy its value.
        </li>
        <li>Paste the Directory (tenant) ID, the Microsoft App ID and the client secret here and connect.</li>
        <li>
          Download the Teams app package from the tenant’s row above and upload it in Teams (<span className="koji-strong">Apps › Manage your apps › Upload an app</span>
          , or the Teams admin center).
        </li>
      </ol>

      <Stack space="space.050">
        <Label htmlFor={`${id}-endpoint`}>Teams messaging endpoint of this site</Label>
        {triggers.state === 'loading' ? <Loading label="Loading the messaging endpoint" /> : null}
        {triggers.state === 'failed' ? <Problem title="The messaging endpoint could not be read" message={triggers.message} onRetry={reloadTriggers} /> : null}
        {triggers.state === 'ready' ? (
          <Inline space="space.100" alignBlock="center">
            <div className="koji-field-wide">
              <Textfield id={`${id}-endpoint`} value={triggers.data.teams} isReadOnly aria-describedby={`${id}-endpoint-help`} />
            </div>
            <CopyButton text={triggers.data.teams} label="Copy the Teams messaging endpoint" />
          </Inline>
        ) : null}
        <div id={`${id}-endpoint-help`}>
          <HelperMessage>Paste it as the Azure Bot’s messaging endpoint.</HelperMessage>
        </div>
      </Stack>

      <form onSubmit={connect} aria-label="Connect a Microsoft Teams tenant" autoComplete="off">
        <Stack space="space.200">
          <Inline space="space.300" shouldWrap>
            <Field id={`${id}-tenant`} label="Directory (tenant) ID">
              <Textfield id={`${id}-tenant`} name="tenantId" spellCheck={false} placeholder="00000000-0000-0000-0000-000000000000" value={tenantId} onChange={(e) => setTenantId(e.currentTarget.value)} />
            </Field>
            <Field id={`${id}-name`} label="Display name">
              <Textfield id={`${id}-name`} name="name" placeholder="e.g. Contoso" value={name} onChange={(e) => setName(e.currentTarget.value)} />
            </Field>
          </Inline>
          <Inline space="space.300" shouldWrap>
            <Field id={`${id}-app`} label="Microsoft App ID">
              <Textfield id={`${id}-app`} name="appId" spellCheck={false} placeholder="00000000-0000-0000-0000-000000000000" value={appId} onChange={(e) => setAppId(e.currentTarget.value)} />
            </Field>
            <Field id={`${id}-secret`} label="Client secret">
              <Textfield
                id={`${id}-secret`}
                name="appPassword"
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={appPassword}
                onChange={(e) => setAppPassword(e.currentTarget.value)}
              />
            </Field>
          </Inline>
          <Field id={`${id}-bot-tenant`} label="Bot’s home tenant ID (optional)">
            <Textfield
              id={`${id}-bot-tenant`}
              name="botTenantId"
              spellCheck={false}
              placeholder="The Directory (tenant) ID"
              value={botTenantId}
              onChange={(e) => setBotTenantId(e.currentTarget.value)}
              aria-describedby={`${id}-bot-tenant-help`}
            />
          </Field>
          <div id={`${id}-bot-tenant-help`}>
            <HelperMessage>Only when the Azure Bot was created in another tenant. The client secret is stored as a secret for this site and never shown again.</HelperMessage>
          </div>
          {outcome?.kind === 'failed' ? (
            <SectionMessage appearance="error" title="The Teams tenant was not connected">
              <Text as="p">{outcome.message}</Text>
            </SectionMessage>
          ) : null}
          {outcome?.kind === 'connected' ? (
            <SectionMessage appearance="success" title={`${outcome.name} is connected`}>
              <Text as="p">Download the Teams app package from its row above and upload it in Teams, then give people the Live agent role in Tenant role setup.</Text>
            </SectionMessage>
          ) : null}
          <Inline>
            <Button type="submit" appearance="primary" isLoading={connecting} isDisabled={missing}>
              Connect Teams tenant
            </Button>
          </Inline>
        </Stack>
      </form>
    </Section>
  );
}

function Field({ id, label, children }: { readonly id: string; readonly label: string; readonly children: ReactNode }) {
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>{label}</Label>
      <div className="koji-field-medium">{children}</div>
    </Stack>
  );
}
