import { invoke } from '@forge/bridge';
import type { ProjectScope, ResolverContract, ResolverKey, ResolverResult } from '../../../src/shared/resolver-contract';

export type Payload<K extends ResolverKey> = ResolverContract[K]['request'];
export type Answer<K extends ResolverKey> = ResolverContract[K]['response'];
export type Result<K extends ResolverKey> = ResolverResult<Answer<K>>;

/** What the page shows when the resolver could not be reached or failed unexpectedly. */
const UNREACHABLE = 'Koji could not be reached. Reload the page and try again.';

/**
 * The project picked on Jira's admin page, sent with every call. Jira's admin page has no
 * project in its context, so this is how the resolvers learn which one the page shows (they
 * accept it there only, from Jira administrators). In a project's settings it stays unset:
 * the project is where the page is open. Kept here, in the one wrapper, so that the panels
 * are the same on both pages and never pass a project themselves.
 */
let scope: ProjectScope = {};

/** Scopes every later call to the project picked on the admin page; `undefined` when none is. */
export function scopeCallsToProject(projectId: string | undefined): void {
  scope = projectId === undefined ? {} : { projectId };
}

/**
 * Calls one of the backoffice resolvers. Every answer is a `ResolverResult`; a call that
 * fails outright (network, resolver crash) becomes `{ ok: false }` too, so the page has a
 * single way to show problems.
 */
export async function call<K extends ResolverKey>(key: K, payload: Payload<K>): Promise<Result<K>> {
  try {
    const answer: unknown = await invoke(key, { ...payload, ...scope });
    if (isResult(answer)) return answer as Result<K>;
    return { ok: false, error: { code: 'unexpected_answer', message: UNREACHABLE } };
  } catch (error) {
    return { ok: false, error: { code: 'invoke_failed', message: errorMessage(error) } };
  }
}

function isResult(value: unknown): value is ResolverResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  if (ok === true) return 'data' in value;
  if (ok === false) {
    const error = (value as { error?: unknown }).error;
    return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
  }
  return false;
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message.trim() : '';
  return message ? `${UNREACHABLE} (${message})` : UNREACHABLE;
}
