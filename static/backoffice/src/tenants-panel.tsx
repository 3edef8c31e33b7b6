import { useCallback } from 'react';
import { Stack } from '@atlaskit/primitives';
import type { TenantView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { Section } from './common';
import { useLoad, type Loaded } from './load';
import { ConnectSlack } from './slack-connect';
import { ConnectTeams } from './teams-connect';
import { TenantList } from './tenant-list';

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
