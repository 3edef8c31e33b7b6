import api, { route } from '@forge/api';
import { TicketServiceError } from '../../domain/errors';
import { serviceDeskProject } from './jsm-service-desks';

/** JSM's default (and usual maximum) page size. */
const PAGE_SIZE = 50;
/** A guard against a listing that never says it ended: 40 pages are 2,000 request types. */
const MAX_PAGES = 40;

interface RequestTypePage {
  readonly values?: ReadonlyArray<{ readonly id: string | number; readonly name: string }>;
  readonly isLastPage?: boolean;
}

/**
 * The request types of a project's service desk, every page of them (JSM gives
 * 50 at a time), for the backoffice's ticket settings and to check the one an
 * admin picks.
 */
export async function requestTypesOf(projectId: string): Promise<Array<{ id: string; name: string }>> {
  // Every page of service desks, not only the first: a site can have more than 50.
  const desk = await serviceDeskProject(projectId);
  if (!desk) throw new TicketServiceError('This project is not a Jira Service Management service project.', false);
  const types: Array<{ id: string; name: string }> = [];
  let start = 0;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await api
      .asApp()
      .requestJira(route`/rest/servicedeskapi/servicedesk/${desk.serviceDeskId}/requesttype?start=${start}&limit=${PAGE_SIZE}`, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new TicketServiceError(`Jira did not list the request types (${response.status}).`, response.status >= 500);
    const body = (await response.json()) as RequestTypePage;
    const values = body.values ?? [];
    types.push(...values.map((t) => ({ id: String(t.id), name: t.name })));
    // An empty page that is not the last would loop forever: treat it as the end.
    if (body.isLastPage !== false || values.length === 0) break;
    start += values.length;
  }
  return types;
}
