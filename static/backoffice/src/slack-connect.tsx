import { useId, useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import { HelperMessage } from '@atlaskit/form';
import { Inline, Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { call } from './api';
import { useChanged } from './changes';
import { Section } from './common';
import { SlackSteps } from './connect-steps';
import { Field } from './field';
import { useFlags } from './flags';
import type { Loaded } from './load';
import { SlackManifest } from './slack-manifest';
import { TriggerUrl, type Triggers } from './trigger-url';

/** Slack workspaces: how to connect one through a Slack app made from Koji's manifest. */
export function ConnectSlack({ triggers, reloadTriggers }: { readonly triggers: Loaded<Triggers>; readonly reloadTriggers: () => void }) {
  const id = useId();
  const [botToken, setBotToken] = useState('');
  const [signingSecret, setSigningSecret] = useState('');
  const [connecting, setConnecting] = useState(false);
  const flags = useFlags();
  const changed = useChanged();

  const connect = (event: FormEvent) => {
    event.preventDefault();
    if (connecting) return;
    setConnecting(true);
    void call('tenants/connect', { channel: 'slack', botToken, signingSecret }).then((result) => {
      setConnecting(false);
      if (result.ok) {
        // The secrets are write-only: once stored they are never shown again.
        setBotToken('');
        setSigningSecret('');
        flags.succeeded({ title: `${result.data.tenant.name} is connected`, description: 'Give people the Live agent role in Role setup.' });
        changed();
      } else {
        flags.failed({ title: 'The Slack workspace was not connected', description: result.error.message });
      }
    });
  };

  return (
    <Section title="Connect a Slack workspace" description="Koji talks to Slack through a Slack app you create in your workspace from the manifest below.">
      <SlackSteps />

      <TriggerUrl
        id={`${id}-trigger`}
        channel="slack"
        triggers={triggers}
        reloadTriggers={reloadTriggers}
        label="Slack request URL of this site"
        loadingLabel="Loading the request URL"
        problemTitle="The request URL could not be read"
        copyLabel="Copy the Slack request URL"
        help="The manifest already uses it for events and interactivity."
      />

      <SlackManifest id={`${id}-manifest-title`} />

      <form onSubmit={connect} aria-label="Connect a Slack workspace" autoComplete="off">
        <Stack space="space.200">
          <Inline space="space.300" shouldWrap>
            <Field id={`${id}-token`} label="Bot User OAuth Token">
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
            </Field>
            <Field id={`${id}-secret`} label="Signing Secret">
              <Textfield
                id={`${id}-secret`}
                name="signingSecret"
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={signingSecret}
                onChange={(e) => setSigningSecret(e.currentTarget.value)}
              />
            </Field>
          </Inline>
          <HelperMessage>Both are stored as secrets for this site and never shown again.</HelperMessage>
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
