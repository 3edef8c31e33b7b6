import { useId, useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import { HelperMessage } from '@atlaskit/form';
import { Inline, Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { call } from './api';
import { useChanged } from './changes';
import { Section } from './common';
import { TeamsSteps } from './connect-steps';
import { Field } from './field';
import { useFlags } from './flags';
import type { Loaded } from './load';
import { TriggerUrl, type Triggers } from './trigger-url';

/**
 * Teams tenants: how to connect one through its Azure Bot. Once connected, the form is emptied:
 * the tenant's row shows what was typed, and the client secret is never shown again.
 */
export function ConnectTeams({ triggers, reloadTriggers }: { readonly triggers: Loaded<Triggers>; readonly reloadTriggers: () => void }) {
  const id = useId();
  const [tenantId, setTenantId] = useState('');
  const [name, setName] = useState('');
  const [appId, setAppId] = useState('');
  const [appPassword, setAppPassword] = useState('');
  const [botTenantId, setBotTenantId] = useState('');
  const [connecting, setConnecting] = useState(false);
  const flags = useFlags();
  const changed = useChanged();

  const connect = (event: FormEvent) => {
    event.preventDefault();
    if (connecting) return;
    setConnecting(true);
    const botTenant = botTenantId.trim();
    void call('tenants/connect', { channel: 'teams', tenantId: tenantId.trim(), name: name.trim(), appId: appId.trim(), appPassword, ...(botTenant ? { botTenantId: botTenant } : {}) }).then((result) => {
      setConnecting(false);
      if (result.ok) {
        for (const clear of [setTenantId, setName, setAppId, setAppPassword, setBotTenantId]) clear('');
        flags.succeeded({
          title: `${result.data.tenant.name} is connected`,
          description: 'Download the Teams app package from its row above and upload it in Teams, then give people the Live agent role in Role setup.',
        });
        changed();
      } else {
        flags.failed({ title: 'The Teams tenant was not connected', description: result.error.message });
      }
    });
  };

  const missing = tenantId.trim() === '' || appId.trim() === '' || appPassword.trim() === '';

  return (
    <Section title="Connect a Teams tenant" description="Koji talks to Microsoft Teams through an Azure Bot you create in your Microsoft Entra tenant.">
      <TeamsSteps />

      <TriggerUrl
        id={`${id}-endpoint`}
        channel="teams"
        triggers={triggers}
        reloadTriggers={reloadTriggers}
        label="Teams messaging endpoint of this site"
        loadingLabel="Loading the messaging endpoint"
        problemTitle="The messaging endpoint could not be read"
        copyLabel="Copy the Teams messaging endpoint"
        help="Paste it as the Azure Bot’s messaging endpoint."
      />

      <form onSubmit={connect} aria-label="Connect a Teams tenant" autoComplete="off">
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
