import api, { route } from '@forge/api';
import { TicketServiceError } from '../../domain/errors';

/** The request types of a project's service desk, for the backoffice's ticket settings. */
export async function requestTypesOf(projectId: string): Promise<Array<{ id: string; name: string }>> {
  const desks = await api.asApp().requestJira(route`/rest/servicedeskapi/servicedesk`, { headers: { Accept: 'application/json' } });
  if (!desks.ok) throw new TicketServiceError(`Jira did not list the service desks (${desks.status}).`, desks.status >= 500);
  const desk = ((await desks.json()) as { values?: Array<{ id: string; projectId: string }> }).values?.find((d) => String(d.projectId) === projectId);
  if (!desk) throw new TicketServiceError('This project is not a Jira Service Management service project.', false);
  const types = await api.asApp().requestJira(route`/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`, { headers: { Accept: 'application/json' } });
  if (!types.ok) throw new TicketServiceError(`Jira did not list the request types (${types.status}).`, types.status >= 500);
  return (((await types.json()) as { values?: Array<{ id: string; name: string }> }).values ?? []).map((t) => ({ id: String(t.id), name: t.name }));
}
