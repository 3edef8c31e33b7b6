import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import type { ServiceProjectView, SettingsView } from '../../../src/shared/resolver-contract';
import { call, scopeCallsToProject } from './api';
import { Loading, Problem, useLoad } from './common';
import { OverviewPanel } from './overview-panel';
import { RoleSetupPanel } from './role-setup-panel';
import { SettingsPanel } from './settings-panel';
import { TenantsPanel } from './tenants-panel';

const TABS = ['overview', 'settings', 'configuration'] as const;

export interface PageContext {
  /** The project the page is open in, when Jira says. */
  readonly projectKey?: string | undefined;
  /**
   * Jira's admin page (`jira:adminPage`, the app's configuration page from Manage apps): Jira
   * gives it no project, so the page asks which service project to show first.
   */
  readonly onAdminPage: boolean;
}

export function App({ context }: { readonly context: PageContext }) {
  return context.onAdminPage ? (
    <AdminPage />
  ) : (
    <Page description={handoffFor(context.projectKey)}>
      <Backoffice />
    </Page>
  );
}

function handoffFor(projectKey: string | undefined): string {
  const project = projectKey ? `the ${projectKey} service project` : 'this service project';
  return `Live agent handoff for ${project}: operators in Slack or Microsoft Teams answer users who ask for a person.`;
}

/** The heading and introduction every state of the page shares; `action` sits beside the introduction. */
function Page({ description, action, children }: { readonly description: string; readonly action?: ReactNode; readonly children: ReactNode }) {
  return (
    <Box padding="space.400" as="main">
      <Stack space="space.300">
        <Stack space="space.050">
          <Heading size="large" as="h1">
            Koji backoffice
          </Heading>
          <Inline space="space.200" alignBlock="center" shouldWrap>
            <Text color="color.text.subtle">{description}</Text>
            {action}
          </Inline>
        </Stack>
        {children}
      </Stack>
    </Box>
  );
}

/**
 * Jira's admin page: first a service project, then the same backoffice as in that project's
 * settings. Every call then carries the picked project (api.ts); the resolvers accept it only
 * here, and only from Jira administrators.
 */
function AdminPage() {
  const [project, setProject] = useState<ServiceProjectView | undefined>();
  const open = useCallback((picked: ServiceProjectView | undefined) => {
    // Scoped before the backoffice mounts, so that its first calls already carry the project.
    scopeCallsToProject(picked?.id);
    setProject(picked);
  }, []);
  if (!project) {
    return (
      <Page description="Koji hands conversations over to live agents in Slack or Microsoft Teams, one Jira Service Management project at a time. Pick the project to set up.">
        <ProjectPicker onOpen={open} />
      </Page>
    );
  }
  return (
    <Page
      description={handoffFor(project.key)}
      action={
        <Button appearance="subtle" onClick={() => open(undefined)}>
          Change project
        </Button>
      }
    >
      {/* A new tree per project: nothing loaded for one project is ever shown for another. */}
      <Backoffice key={project.id} />
    </Page>
  );
}

interface ProjectOption {
  readonly label: string;
  readonly value: string;
  readonly project: ServiceProjectView;
}

/** The site's Jira Service Management projects (Jira administrators only, checked by the resolver). */
function ProjectPicker({ onOpen }: { readonly onOpen: (project: ServiceProjectView) => void }) {
  const id = useId();
  const load = useCallback(() => call('projects/list', {}), []);
  const [loaded, reload] = useLoad(load);
  const [chosen, setChosen] = useState<ProjectOption | null>(null);
  const options = useMemo<ProjectOption[]>(
    () => (loaded.state === 'ready' ? loaded.data.projects.map((p) => ({ label: `${p.name} (${p.key})`, value: p.id, project: p })) : []),
    [loaded],
  );

  if (loaded.state === 'loading') return <Loading label="Loading service projects" />;
  if (loaded.state === 'failed') {
    return loaded.code === 'forbidden' ? (
      <SectionMessage appearance="warning" title="This page is for Jira administrators">
        <Text as="p">{loaded.message}</Text>
      </SectionMessage>
    ) : (
      <Problem title="The service projects could not be listed" message={loaded.message} onRetry={reload} />
    );
  }
  if (options.length === 0) {
    return (
      <SectionMessage appearance="information" title="No Jira Service Management project yet">
        <Text as="p">Koji works in Jira Service Management projects. Create a service project, then come back here to set Koji up for it.</Text>
      </SectionMessage>
    );
  }
  return (
    <form
      aria-label="Choose a service project"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) onOpen(chosen.project);
      }}
    >
      <Inline space="space.200" alignBlock="end" shouldWrap>
        <Stack space="space.050">
          <Label htmlFor={`${id}-project`}>Service project</Label>
          <div className="koji-select-medium">
            <Select<ProjectOption> inputId={`${id}-project`} options={options} value={chosen} placeholder="Choose a service project" onChange={setChosen} />
          </div>
        </Stack>
        <Button appearance="primary" type="submit" isDisabled={!chosen}>
          Open
        </Button>
      </Inline>
    </form>
  );
}

/** The backoffice of one project: the same tree in project settings and, once a project is picked, on the admin page. */
function Backoffice() {
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
