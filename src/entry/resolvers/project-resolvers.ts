import { serviceDeskProjects } from '../../adapters/forge/jsm-service-desks';
import type { ServiceProjectView } from '../../shared/resolver-contract';
import { forJiraAdmins, type ResolverHandler } from './resolver-kit';

/** The admin page's project picker: Jira's admin page has no project of its own. */
export const projectResolvers: Record<string, ResolverHandler> = {
  'projects/list': forJiraAdmins(async () => {
    const projects: ServiceProjectView[] = (await serviceDeskProjects()).map((p) => ({ id: p.projectId, key: p.projectKey, name: p.projectName }));
    return { projects: projects.sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key)) };
  }),
};
