import { useCallback, useState } from 'react';
import { Stack } from '@atlaskit/primitives';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { call } from './api';
import { useLoad } from './load';
import { Panel } from './page';
import { RoleSetupPanel } from './role-setup-panel';
import { TenantsPanel } from './tenants-panel';

/** Configuration › Tenants, with Tenant role setup under it. */
export function ConfigurationPanel() {
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
