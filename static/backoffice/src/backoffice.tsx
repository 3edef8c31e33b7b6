import { useCallback, useState } from 'react';
import { Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import type { SettingsView } from '../../../src/shared/resolver-contract';
import { call, type Result } from './api';
import { AdminsOnly } from './admins-only';
import { AuditLogPanel } from './audit-log-panel';
import { ChangesProvider, useReloadOnChange } from './changes';
import { Loading, Problem } from './common';
import { FlagsProvider } from './flags';
import { useLoad } from './load';
import { HistoryPanel } from './history-panel';
import { OverviewPanel } from './overview-panel';
import { ReportsPanel } from './reports-panel';
import { Panel } from './page';
import { PrivacyPanel } from './privacy-panel';
import { RoleSetupPanel } from './role-setup-panel';
import { SavedRepliesPanel } from './saved-replies-panel';
import { SettingsPanel } from './settings-panel';
import { TenantsPanel } from './tenants-panel';

/** The tabs, one level, in the order an admin sets Koji up after the Overview. */
const TABS = ['Overview', 'Reports', 'Settings', 'Saved replies', 'Slack workspaces', 'Teams tenants', 'Role setup', 'History', 'Audit log', 'Privacy'] as const;

/** The backoffice of one project: the same tree in project settings and, once a project is picked, on the admin page. */
export function Backoffice() {
  const load = useCallback(() => call('settings/get', {}), []);
  const [loaded, reload] = useLoad(load);

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
        <FlagsProvider>
          <ChangesProvider>
            <BackofficeTabs settings={loaded.data.settings} canEdit={loaded.data.canEdit} />
          </ChangesProvider>
        </FlagsProvider>
      ) : null}
    </>
  );
}

function BackofficeTabs({ settings, canEdit }: { readonly settings: SettingsView; readonly canEdit: boolean }) {
  const [saved, setSaved] = useState<SettingsView | undefined>();
  const [tab, setTab] = useState(0);
  // Three tabs show the connected workspaces and tenants: one read for all, again after every change.
  const loadTenants = useCallback((): Promise<Result<'tenants/list'>> => (canEdit ? call('tenants/list', {}) : Promise.resolve({ ok: true, data: { tenants: [] } })), [canEdit]);
  const [tenants, reloadTenants] = useLoad(loadTenants);
  useReloadOnChange(reloadTenants);

  return (
    <Tabs id="koji-backoffice" selected={tab} onChange={setTab}>
      <TabList>
        {TABS.map((name) => (
          <Tab key={name}>{name}</Tab>
        ))}
      </TabList>
      <TabPanel>
        <Panel>
          <OverviewPanel enabled={(saved ?? settings).enabled} shown={tab === 0} onOpenSettings={() => setTab(TABS.indexOf('Settings'))} />
        </Panel>
      </TabPanel>
      <TabPanel>
        <Panel>
          <ReportsPanel />
        </Panel>
      </TabPanel>
      <TabPanel>
        <Panel>
          <SettingsPanel settings={saved ?? settings} canEdit={canEdit} onSaved={setSaved} />
        </Panel>
      </TabPanel>
      <TabPanel>
        <Panel>
          <SavedRepliesPanel settings={saved ?? settings} canEdit={canEdit} onSaved={setSaved} />
        </Panel>
      </TabPanel>
      {(['slack', 'teams'] as const).map((channel) => (
        <TabPanel key={channel}>
          <Panel>{canEdit ? <TenantsPanel channel={channel} tenants={tenants} reloadTenants={reloadTenants} /> : <AdminsOnly />}</Panel>
        </TabPanel>
      ))}
      <TabPanel>
        <Panel>{canEdit ? <RoleSetupPanel tenants={tenants} reloadTenants={reloadTenants} /> : <AdminsOnly />}</Panel>
      </TabPanel>
      <TabPanel>
        <Panel>
          <HistoryPanel retentionDays={(saved ?? settings).retentionDays} />
        </Panel>
      </TabPanel>
      <TabPanel>
        <Panel>
          <AuditLogPanel />
        </Panel>
      </TabPanel>
      <TabPanel>
        <Panel>{canEdit ? <PrivacyPanel tenants={tenants} reloadTenants={reloadTenants} /> : <AdminsOnly />}</Panel>
      </TabPanel>
    </Tabs>
  );
}
