import { useCallback, useState } from 'react';
import { Stack } from '@atlaskit/primitives';
import type { TenantView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { channelWords, type Channel } from './channels';
import { Loading, Problem, Section } from './common';
import { shownOf, useLoad, type Loaded } from './load';
import { ConnectSlack } from './slack-connect';
import { ConnectTeams } from './teams-connect';
import { TenantList } from './tenant-list';

/** Slack workspaces, or Teams tenants: the connected ones, and how to connect one. */
export function TenantsPanel({ channel, tenants, reloadTenants }: { readonly channel: Channel; readonly tenants: Loaded<{ tenants: TenantView[] }>; readonly reloadTenants: () => void }) {
  const loadTriggers = useCallback(() => call('webtriggers/list', {}), []);
  const [triggers, reloadTriggers] = useLoad(loadTriggers);
  // A new connect form after every disconnect: nothing typed for a tenant outlives it.
  const [form, setForm] = useState(0);
  const words = channelWords(channel);
  const shown = shownOf(tenants);

  return (
    <Stack space="space.500">
      <Section title={`Connected ${words.many}`} description={`${words.many} whose people can be operators or users of Koji in this project.`}>
        {tenants.state === 'failed' ? (
          <Problem title={`The ${words.many} could not be listed`} message={tenants.message} onRetry={reloadTenants} />
        ) : shown ? (
          <TenantList channel={channel} tenants={shown.data.tenants.filter((t) => t.channel === channel)} onDisconnected={() => setForm((f) => f + 1)} />
        ) : (
          <Loading label={`Loading connected ${words.many}`} />
        )}
      </Section>
      {channel === 'slack' ? (
        <ConnectSlack key={form} triggers={triggers} reloadTriggers={reloadTriggers} />
      ) : (
        <ConnectTeams key={form} triggers={triggers} reloadTriggers={reloadTriggers} />
      )}
    </Stack>
  );
}
