import { useCallback, useState } from 'react';
import { Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import type { SettingsView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { Loading, Problem } from './common';
import { ConfigurationPanel } from './configuration-panel';
import { useLoad } from './load';
import { OverviewPanel } from './overview-panel';
import { Panel } from './page';
import { SettingsPanel } from './settings-panel';

const TABS = ['overview', 'settings', 'configuration'] as const;

/** The backoffice of one project: the same tree in project settings and, once a project is picked, on the admin page. */
export function Backoffice() {
  const load = useCallback(() => call('settings/get', {}), []);
  const [loaded, reload] = useLoad(load);
  const [saved, setSaved] = useState<SettingsView | undefined>();
  const [tab, setTab] = useState(0);

  return (
    <>
      {loaded.state === 'loading' ? <Loading label="Loading Koji settings" /> : null}
      {loaded.state === 'failed' ? (
        loaded.code === 'no_project' ? (
          <SectionMessage appearance="information" title="Open Koji from a service project">
            <Text as="p">{loaded.message}</Text>
          </SectionMessage>
        ) : loaded.code === 'forbidden' ? (
          <SectionMessage appearance="information" title="Only admins can use the Koji backoffice">
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
    </>
  );
}

function AdminsOnly() {
  return (
    <SectionMessage appearance="information" title="Only admins can see the configuration">
      <Text as="p">Only Jira admins or project admins can connect Slack workspaces and Microsoft Teams tenants and give people the Live agent role.</Text>
    </SectionMessage>
  );
}
