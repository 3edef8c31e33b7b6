import { route } from '@forge/api';
import { TicketServiceError } from '../../domain/errors';
import { jsmPages } from './jsm-pages';
import { serviceDeskProject } from './jsm-service-desks';

/** A guard against a listing that never says it ended: 40 pages are 2,000 request types. */
const MAX_PAGES = 40;

interface RequestType {
  readonly id: string | number;
  readonly name: string;
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
  const pages = jsmPages<RequestType>(
    (start, limit) => route`/rest/servicedeskapi/servicedesk/${desk.serviceDeskId}/requesttype?start=${start}&limit=${limit}`,
    { what: 'request types', maxPages: MAX_PAGES },
  );
  for await (const values of pages) types.push(...values.map((t) => ({ id: String(t.id), name: t.name })));
  return types;
}
