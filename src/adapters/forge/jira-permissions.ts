import api, { route } from '@forge/api';

/**
 * Whether the person using the page may change Koji's settings for a project:
 * a Jira administrator, or an administrator of that project. Asked as the user,
 * server side, on every change: a hidden button is not a permission check.
 */
export async function mayAdministerProject(projectId: string): Promise<boolean> {
  const response = await api
    .asUser()
    .requestJira(route`/rest/api/3/mypermissions?projectId=${projectId}&permissions=ADMINISTER,ADMINISTER_PROJECTS`, {
      headers: { Accept: 'application/json' },
    });
  if (!response.ok) return false;
  const body = (await response.json()) as { permissions?: Record<string, { havePermission?: boolean }> };
  return Boolean(body.permissions?.['ADMINISTER']?.havePermission || body.permissions?.['ADMINISTER_PROJECTS']?.havePermission);
}

/**
 * Whether the person using the page is a Jira administrator (global ADMINISTER), asked as
 * them. Jira's admin page has no project, so it is the only check that fits every project.
 */
export async function isJiraAdministrator(): Promise<boolean> {
  const response = await api.asUser().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`, { headers: { Accept: 'application/json' } });
  if (!response.ok) return false;
  const body = (await response.json()) as { permissions?: Record<string, { havePermission?: boolean }> };
  return body.permissions?.['ADMINISTER']?.havePermission === true;
}
