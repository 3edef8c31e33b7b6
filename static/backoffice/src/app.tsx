import { useCallback, useState, type ReactNode } from 'react';
import Heading from '@atlaskit/heading';
import { Box, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import type { SettingsView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { Loading, Problem, useLoad } from './common';
import { OverviewPanel } from './overview-panel';
import { RoleSetupPanel } from './role-setup-panel';
import { SettingsPanel } from './settings-panel';
import { TenantsPanel } from './tenants-panel';

const TABS = ['overview', 'settings', 'configuration'] as const;

export interface PageContext {
  /** The project the page is open in, when Jira says. */
  readonly projectKey?: string | undefined;
}

export function App({ context }: { readonly context: PageContext }) {
  const load = useCallback(() => call('settings/get', {}), []);
  const [loaded, reload] = useLoad(load);
  const [saved, setSaved] = useState<SettingsView | undefined>();
  const [tab, setTab] = useState(0);

  return (
    <Box padding="space.400" as="main">
      <Stack space="space.300">
        <Stack space="space.050">
          <Heading size="large" as="h1">
            Koji backoffice
          </Heading>
          <Text color="color.text.subtle">
            Live agent handoff for {context.projectKey ? `the ${context.projectKey} service project` : 'this service project'}: operators in Slack or
            Microsoft Teams answer users who ask for a person.
          </Text>
        </Stack>
        {loaded.state === 'loading' ? <Loading label="Loading Koji settings" /> : null}
        {loaded.state === 'failed' ? (
          loaded.code === 'no_project' ? (
            <SectionMessage appearance="information" title="Open Koji from a service project">
              <Text as="p">{loaded.message}</Text>
            </SectionMessage>
          ) : (
            <Problem title="Koji settings could not be loaded" message={loaded.message} onRetry={reload} />
          )
        ) : null}
        {loaded.state === 'ready' ? (
          <Tabs id="koji-backoffice" selected={tab} onChange={setTab}>
            <TabList>
              <Tab>Overview</Tab>
              <Tab>Koji settings</Tab>
              <Tab>Configuration</Tab>
            </TabList>
            <TabPanel>
              <Panel>
                <OverviewPanel enabled={(saved ?? loaded.data.settings).enabled} onOpenSettings={() => setTab(TABS.indexOf('settings'))} />
              </Panel>
            </TabPanel>
            <TabPanel>
              <Panel>
                <SettingsPanel settings={saved ?? loaded.data.settings} canEdit={loaded.data.canEdit} onSaved={setSaved} />
              </Panel>
            </TabPanel>
            <TabPanel>
              <Panel>{loaded.data.canEdit ? <ConfigurationPanel /> : <AdminsOnly />}</Panel>
            </TabPanel>
          </Tabs>
        ) : null}
      </Stack>
    </Box>
  );
}

function Panel({ children }: { readonly children: ReactNode }) {
  return <div className="koji-panel">{children}</div>;
}

function AdminsOnly() {
  return (
    <SectionMessage appearance="information" title="Only admins can see the configuration">
      <Text as="p">Only Jira admins or project admins can connect Slack workspaces and Microsoft Teams tenants and give people the Live agent role.</Text>
    </SectionMessage>
  );
}

/** Configuration › Tenants, with Tenant role setup under it. */
function ConfigurationPanel() {
  const loadTenants = useCallback(() => call('tenants/list', {}), []);
  const [tenants, reloadTenants] = useLoad(loadTenants);
  const [sub, setSub] = useState(0);
  return (
    <Stack space="space.200">
      <nav aria-label="Breadcrumb" className="koji-breadcrumb">
        <ol>
          <li>Configuration</li>
          <li>Tenants</li>
          {sub === 1 ? <li aria-current="page">Tenant role setup</li> : null}
        </ol>
      </nav>
      <Tabs id="koji-tenants" selected={sub} onChange={setSub}>
        <TabList>
          <Tab>Tenants</Tab>
          <Tab>Tenant role setup</Tab>
        </TabList>
        <TabPanel>
          <Panel>
            <TenantsPanel tenants={tenants} reloadTenants={reloadTenants} />
          </Panel>
        </TabPanel>
        <TabPanel>
          <Panel>
            <RoleSetupPanel tenants={tenants} reloadTenants={reloadTenants} />
          </Panel>
        </TabPanel>
      </Tabs>
    </Stack>
  );
}
