import { KojiError } from '../domain/koji-error';
import type { ResolverFailure, ResolverResult } from '../shared/resolver-contract';

export class ForbiddenError extends KojiError {
  readonly code = 'forbidden';

  constructor(message = 'Only Jira administrators and administrators of this project can use the Koji backoffice.') {
    super(message);
  }
}

export class NoProjectError extends KojiError {
  readonly code = 'no_project';

  constructor(message = 'Open the Koji backoffice from a Jira Service Management project to change its settings.') {
    super(message);
  }
}

/** A project id picked on the admin page that is not a Jira Service Management project of this site. */
export class UnknownProjectError extends KojiError {
  readonly code = 'unknown_project';

  constructor(projectId: string) {
    super(`Project ${projectId} is not a Jira Service Management project of this site. Pick one of the listed service projects.`);
  }
}

/**
 * The resolvers' one mapping from a failure to a typed answer: a Koji error (a rule,
 * the caller's rights, a bad request, a refused tenant) becomes `{ ok: false, error }`
 * with its code and safe message, for the page to show or to match on its code.
 * Anything else is unexpected: undefined, and the caller rethrows it.
 */
export function resolverAnswerFor(error: unknown): ResolverFailure | undefined {
  if (!(error instanceof KojiError)) return undefined;
  return { ok: false, error: { code: error.code, message: error.message } };
}

/** Runs a resolver's work; an unexpected failure is rethrown so Forge counts it and `invoke` rejects. */
export async function envelope<T>(work: () => Promise<T>): Promise<ResolverResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    const answer = resolverAnswerFor(error);
    if (answer) return answer;
    throw error;
  }
}

/** The Forge module type of Jira's global admin page (and the app's configuration page, with `useAsConfig`). */
export const ADMIN_PAGE_MODULE = 'jira:adminPage';

/**
 * Where a backoffice call comes from, as the Forge context (set by Jira, not by the browser) says:
 * - `project`: a page open in a project (project settings); that project is the only one it may touch.
 * - `admin-page`: Jira's admin page, which has no project; the page picks one, so the project
 *   has to come from the payload, and only Jira administrators may call (resolver-kit.ts).
 * Anything else without a project is refused.
 */
export type PageScope = { readonly kind: 'project'; readonly projectId: string } | { readonly kind: 'admin-page' };

export function pageScopeOf(context: unknown): PageScope {
  const extension = (context as { extension?: { type?: unknown; project?: { id?: unknown } } } | undefined)?.extension;
  const id = extension?.project?.id;
  // A project in the context always wins, whatever the module: it is where the page is open.
  if (typeof id === 'string' && /^\d+$/.test(id)) return { kind: 'project', projectId: id };
  if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return { kind: 'project', projectId: String(id) };
  if (id === undefined && extension?.type === ADMIN_PAGE_MODULE) return { kind: 'admin-page' };
  throw new NoProjectError();
}
