import { route } from '@forge/api';
import { jsmPages, type JsmPageRequest } from './jsm-pages';

/** A Jira Service Management project of the site, as the admin page's project picker shows it. */
export interface ServiceDeskProject {
  readonly serviceDeskId: string;
  readonly projectId: string;
  readonly projectKey: string;
  readonly projectName: string;
}

/** A guard against a listing that never says it ended: 100 pages are 5,000 service desks. */
const MAX_PAGES = 100;

interface ServiceDesk {
  readonly id?: unknown;
  readonly projectId?: unknown;
  readonly projectKey?: unknown;
  readonly projectName?: unknown;
}

/**
 * The site's service desks, page by page (`GET /rest/servicedeskapi/servicedesk`), as the app:
 * the app is what works in the project afterwards (tickets, request types), so what it can
 * reach is what may be picked. `until` stops early once it returns true for a project; `request`
 * makes the calls (as the app by default).
 */
export async function serviceDeskProjects(
  until?: (project: ServiceDeskProject) => boolean,
  request?: JsmPageRequest,
): Promise<ServiceDeskProject[]> {
  const projects: ServiceDeskProject[] = [];
  const pages = jsmPages<ServiceDesk>((start, limit) => route`/rest/servicedeskapi/servicedesk?start=${start}&limit=${limit}`, {
    what: 'service desks',
    maxPages: MAX_PAGES,
    request,
  });
  for await (const desks of pages) {
    for (const desk of desks) {
      const project = projectOf(desk);
      if (!project) continue;
      projects.push(project);
      if (until?.(project)) return projects;
    }
  }
  return projects;
}

/** The service desk of a project, or undefined when the project is not a JSM project the app can reach. */
export async function serviceDeskProject(projectId: string, request?: JsmPageRequest): Promise<ServiceDeskProject | undefined> {
  return (await serviceDeskProjects((p) => p.projectId === projectId, request)).find((p) => p.projectId === projectId);
}

function projectOf(desk: ServiceDesk): ServiceDeskProject | undefined {
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
  const serviceDeskId = text(desk.id);
  const projectId = text(desk.projectId);
  const projectKey = text(desk.projectKey);
  if (!serviceDeskId || !projectId || !projectKey) return undefined;
  return { serviceDeskId, projectId, projectKey, projectName: text(desk.projectName) ?? projectKey };
}
