import { DomainError } from '../domain/errors';
import type { ResolverResult } from '../shared/resolver-contract';

export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';

  constructor() {
    super('Only Jira administrators and administrators of this project can change Koji settings.');
  }
}

export class NoProjectError extends DomainError {
  readonly code = 'no_project';

  constructor() {
    super('Open the Koji backoffice from a Jira Service Management project to change its settings.');
  }
}

/**
 * Expected failures become `{ ok: false, error }` for the page to show;
 * anything else is rethrown so Forge counts it and `invoke` rejects.
 */
export async function envelope<T>(work: () => Promise<T>): Promise<ResolverResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  }
}

/** The project comes from where the page is open, never from the browser's payload. */
export function projectIdOf(context: unknown): string {
  const id = (context as { extension?: { project?: { id?: unknown } } } | undefined)?.extension?.project?.id;
  if (typeof id === 'string' && /^\d+$/.test(id)) return id;
  if (typeof id === 'number') return String(id);
  throw new NoProjectError();
}
