import api, { route } from '@forge/api';
import { TicketServiceError } from '../../domain/errors';

/** A Jira Service Management project of the site, as the admin page's project picker shows it. */
export interface ServiceDeskProject {
  readonly serviceDeskId: string;
  readonly projectId: string;
  readonly projectKey: string;
  readonly projectName: string;
}

/** JSM's default (and usual maximum) page size. */
const PAGE_SIZE = 50;
/** A guard against a listing that never says it ended: 100 pages are 5,000 service desks. */
const MAX_PAGES = 100;

/** One call for a page of the listing; the ticket adapter passes its own, with its timeout and its route to Jira. */
export type ServiceDeskPageRequest = (path: ReturnType<typeof route>) => Promise<{ readonly ok: boolean; readonly status: number; json(): Promise<unknown> }>;

const asApp: ServiceDeskPageRequest = (path) => api.asApp().requestJira(path, { headers: { Accept: 'application/json' } });

interface ServiceDeskPage {
  readonly values?: ReadonlyArray<{ id?: unknown; projectId?: unknown; projectKey?: unknown; projectName?: unknown }>;
  readonly isLastPage?: boolean;
}

/**
 * The site's service desks, page by page (`GET /rest/servicedeskapi/servicedesk`), as the app:
 * the app is what works in the project afterwards (tickets, request types), so what it can
 * reach is what may be picked. `until` stops early once it returns true for a project; `request`
 * makes the calls (as the app by default).
 */
export async function serviceDeskProjects(
  until?: (project: ServiceDeskProject) => boolean,
  request: ServiceDeskPageRequest = asApp,
): Promise<ServiceDeskProject[]> {
  const projects: ServiceDeskProject[] = [];
  let start = 0;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await request(route`/rest/servicedeskapi/servicedesk?start=${start}&limit=${PAGE_SIZE}`);
    if (!response.ok) throw new TicketServiceError(`Jira did not list the service desks (${response.status}).`, response.status >= 500);
    const body = (await response.json()) as ServiceDeskPage;
    const values = body.values ?? [];
    for (const desk of values) {
      const project = projectOf(desk);
      if (!project) continue;
      projects.push(project);
      if (until?.(project)) return projects;
    }
    // An empty page that is not the last would loop forever: treat it as the end.
    if (body.isLastPage !== false || values.length === 0) return projects;
    start += values.length;
  }
  return projects;
}

/** The service desk of a project, or undefined when the project is not a JSM project the app can reach. */
export async function serviceDeskProject(projectId: string, request?: ServiceDeskPageRequest): Promise<ServiceDeskProject | undefined> {
  return (await serviceDeskProjects((p) => p.projectId === projectId, request)).find((p) => p.projectId === projectId);
}

function projectOf(desk: { id?: unknown; projectId?: unknown; projectKey?: unknown; projectName?: unknown }): ServiceDeskProject | undefined {
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
  const serviceDeskId = text(desk.id);
  const projectId = text(desk.projectId);
  const projectKey = text(desk.projectKey);
  if (!serviceDeskId || !projectId || !projectKey) return undefined;
  return { serviceDeskId, projectId, projectKey, projectName: text(desk.projectName) ?? projectKey };
}
