import api, { route } from '@forge/api';
import { mayAdministerProject } from '../../adapters/forge/jira-permissions';
import { DomainError } from '../../domain/errors';
import { ForbiddenError, envelope, projectIdOf } from '../resolver-envelope';
import type { ResolverResult } from '../../shared/resolver-contract';

export interface ResolverRequest {
  readonly payload: unknown;
  readonly context: unknown;
}

export type ResolverHandler = (request: ResolverRequest) => Promise<ResolverResult<unknown>>;

export class InvalidRequestError extends DomainError {
  readonly code = 'invalid_request';
}

/** A resolver anyone who can open the page may call; the project comes from where the page is open. */
export function forViewers<T>(work: (input: { projectId: string; payload: unknown }) => Promise<T>): ResolverHandler {
  return ({ payload, context }) => envelope(() => work({ projectId: projectIdOf(context), payload }));
}

/** A resolver that changes something: the caller must administer the project, checked here on the server. */
export function forAdmins<T>(work: (input: { projectId: string; payload: unknown }) => Promise<T>): ResolverHandler {
  return ({ payload, context }) =>
    envelope(async () => {
      const projectId = projectIdOf(context);
      if (!(await mayAdministerProject(projectId))) throw new ForbiddenError();
      return work({ projectId, payload });
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
