import api, { route } from '@forge/api';
import { TicketServiceError } from '../../domain/errors';
import { serviceDeskProject } from './jsm-service-desks';

/** The request types of a project's service desk, for the backoffice's ticket settings. */
export async function requestTypesOf(projectId: string): Promise<Array<{ id: string; name: string }>> {
  // Every page of service desks, not only the first: a site can have more than 50.
  const desk = await serviceDeskProject(projectId);
  if (!desk) throw new TicketServiceError('This project is not a Jira Service Management service project.', false);
  const types = await api.asApp().requestJira(route`/rest/servicedeskapi/servicedesk/${desk.serviceDeskId}/requesttype`, { headers: { Accept: 'application/json' } });
  if (!types.ok) throw new TicketServiceError(`Jira did not list the request types (${types.status}).`, types.status >= 500);
  return (((await types.json()) as { values?: Array<{ id: string; name: string }> }).values ?? []).map((t) => ({ id: String(t.id), name: t.name }));
}
