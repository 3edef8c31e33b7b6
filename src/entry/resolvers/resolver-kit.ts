import api, { route } from '@forge/api';
import { isJiraAdministrator, mayAdministerProject } from '../../adapters/forge/jira-permissions';
import { serviceDeskProject } from '../../adapters/forge/jsm-service-desks';
import { KojiError } from '../../domain/koji-error';
import { ForbiddenError, NoProjectError, UnknownProjectError, envelope, pageScopeOf } from '../resolver-envelope';
import type { ResolverResult } from '../../shared/resolver-contract';

export interface ResolverRequest {
  readonly payload: unknown;
  readonly context: unknown;
}

export type ResolverHandler = (request: ResolverRequest) => Promise<ResolverResult<unknown>>;

export class InvalidRequestError extends KojiError {
  readonly code = 'invalid_request';
}

/**
 * The project a call is about, and whether the caller already proved to be a Jira administrator.
 * - In a project's settings page the Forge context names the project; a `projectId` in the
 *   payload is ignored, so a page cannot reach another project by sending one.
 * - On Jira's admin page the context has no project: the page sends the picked one as
 *   `projectId`. There, every call (reads included) needs a Jira administrator, checked first
 *   so that others learn nothing about the site's projects, then the id must be digits and a
 *   Jira Service Management project of this site.
 */
async function projectOfCall(payload: unknown, context: unknown): Promise<{ projectId: string; jiraAdmin: boolean }> {
  const scope = pageScopeOf(context);
  if (scope.kind === 'project') return { projectId: scope.projectId, jiraAdmin: false };
  await requireJiraAdministrator();
  const picked = (payload as { projectId?: unknown } | undefined)?.projectId;
  if (picked === undefined || picked === null || picked === '') throw new NoProjectError('Pick a Jira Service Management project to see its Koji settings.');
  if (typeof picked !== 'string' || !/^\d{1,18}$/.test(picked)) throw new InvalidRequestError('“projectId” must be the id of a Jira project (digits).');
  if (!(await serviceDeskProject(picked))) throw new UnknownProjectError(picked);
  return { projectId: picked, jiraAdmin: true };
}

async function requireJiraAdministrator(): Promise<void> {
  if (!(await isJiraAdministrator())) {
    throw new ForbiddenError('Only Jira administrators can use Koji from Jira’s app settings. Project administrators open Koji backoffice in their project’s settings.');
  }
}

/** The payload without the scoping `projectId`, so that no resolver reads the project from anywhere but `projectOfCall`. */
function withoutProjectId(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || !('projectId' in payload)) return payload;
  const { projectId: _ignored, ...rest } = payload as Record<string, unknown>;
  return rest;
}

/**
 * Every backoffice resolver, reads included: the caller must administer the project (or Jira),
 * checked here on the server. Anyone who can open an issue can reach a resolver function, so a
 * read that only asked for a viewer would show the settings and live activity to every agent.
 */
export function forAdmins<T>(work: (input: { projectId: string; payload: unknown; accountId: string | undefined }) => Promise<T>): ResolverHandler {
  return ({ payload, context }) =>
    envelope(async () => {
      const { projectId, jiraAdmin } = await projectOfCall(payload, context);
      // A Jira administrator administers every project: no second question to Jira.
      if (!jiraAdmin && !(await mayAdministerProject(projectId))) throw new ForbiddenError();
      return work({ projectId, payload: withoutProjectId(payload), accountId: callerAccountId(context) });
    });
}

/**
 * Who is calling, as Forge says it (`context.accountId`, which @forge/resolver takes from the invocation's
 * principal, not from the page): the audit log's "who". Undefined only where Forge gives none.
 */
function callerAccountId(context: unknown): string | undefined {
  const id = (context as { accountId?: unknown } | undefined)?.accountId;
  return typeof id === 'string' && /^[A-Za-z0-9:_-]{1,128}$/.test(id) ? id : undefined;
}

/** A resolver about the whole site rather than one project (the admin page's project picker): Jira administrators only. */
export function forJiraAdmins<T>(work: () => Promise<T>): ResolverHandler {
  return () =>
    envelope(async () => {
      await requireJiraAdministrator();
      return work();
    });
}

/** Reads one string field of a payload, refusing anything else with a reason the page can show. */
export function stringField(payload: unknown, name: string, pattern?: RegExp): string {
  const value = (payload as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== 'string' || value.trim() === '' || (pattern && !pattern.test(value))) {
    throw new InvalidRequestError(`The request needs a valid “${name}”.`);
  }
  return value;
}

export function optionalStringField(payload: unknown, name: string): string | undefined {
  const value = (payload as Record<string, unknown> | undefined)?.[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new InvalidRequestError(`“${name}” must be text.`);
  return value;
}

/** The e-mail of the Jira user using the page, to stop admins from changing their own role. */
export async function callerEmail(): Promise<string | undefined> {
  const response = await api.asUser().requestJira(route`/rest/api/3/myself`, { headers: { Accept: 'application/json' } });
  if (!response.ok) return undefined;
  const me = (await response.json()) as { emailAddress?: string };
  return me.emailAddress?.toLowerCase();
}
