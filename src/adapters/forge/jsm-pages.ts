import api, { type route } from '@forge/api';
import { TicketServiceError } from '../../domain/errors';

type JiraRoute = ReturnType<typeof route>;

/** One call for a page of a JSM listing; the ticket adapter passes its own, with its timeout and its route to Jira. */
export type JsmPageRequest = (path: JiraRoute) => Promise<{ readonly ok: boolean; readonly status: number; json(): Promise<unknown> }>;

export const asApp: JsmPageRequest = (path) => api.asApp().requestJira(path, { headers: { Accept: 'application/json' } });

/** JSM's default (and usual maximum) page size. */
const PAGE_SIZE = 50;

interface JsmPage<T> {
  readonly values?: readonly T[];
  readonly isLastPage?: boolean;
}

/**
 * The values of a paged JSM listing (`start`/`limit`, `isLastPage`), a page at a time. `maxPages`
 * guards against a listing that never says it ended; an empty page that is not the last is
 * taken as the end too, or it would loop forever.
 */
export async function* jsmPages<T>(
  pageAt: (start: number, limit: number) => JiraRoute,
  options: { readonly what: string; readonly maxPages: number; readonly request?: JsmPageRequest },
): AsyncGenerator<readonly T[]> {
  const request = options.request ?? asApp;
  let start = 0;
  for (let page = 0; page < options.maxPages; page += 1) {
    const response = await request(pageAt(start, PAGE_SIZE));
    if (!response.ok) throw new TicketServiceError(`Jira did not list the ${options.what} (${response.status}).`, response.status >= 500);
    const body = (await response.json()) as JsmPage<T>;
    const values = body.values ?? [];
    yield values;
    if (body.isLastPage !== false || values.length === 0) return;
    start += values.length;
  }
}
