import { useCallback, useState } from 'react';
import Button from '@atlaskit/button/new';
import type { ServiceProjectView } from '../../../src/shared/resolver-contract';
import { scopeCallsToProject } from './api';
import { Backoffice } from './backoffice';
import { Page, handoffFor } from './page';
import { ProjectPicker } from './project-picker';

/**
 * Jira's admin page: first a service project, then the same backoffice as in that project's
 * settings. Every call then carries the picked project (api.ts); the resolvers accept it only
 * here, and only from Jira administrators.
 */
export function AdminPage() {
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
