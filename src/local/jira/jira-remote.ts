import type { JsmStandIn } from './jsm-stand-in';

/** What a real Jira Cloud site needs for the local platform to pass calls through. */
export interface RealJiraSite {
  readonly baseUrl: string;
  readonly email: string;
  readonly apiToken: string;
}

export function realJiraSiteFromEnv(env: NodeJS.ProcessEnv): RealJiraSite | undefined {
  const { JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN } = env;
  if (!JIRA_BASE_URL || !JIRA_EMAIL || !JIRA_API_TOKEN) return undefined;
  return { baseUrl: JIRA_BASE_URL.replace(/\/+$/, ''), email: JIRA_EMAIL, apiToken: JIRA_API_TOKEN };
}

/**
 * Answers `requestJira` calls: from the embedded stand-in, or from a real site
 * when one is configured. With a real site every call runs as the API token's
 * owner, whether the app asked `asApp()` or `asUser()`: locally there is no
 * other identity to borrow.
 */
export function jiraRemote(
  target: { readonly standIn: JsmStandIn } | { readonly site: RealJiraSite },
): (path: string, init: RequestInit, accountId: string | undefined) => Promise<Response> {
  if ('site' in target) {
    const { site } = target;
    const auth = `Basic ${Buffer.from(`${site.email}:${site.apiToken}`).toString('base64')}`;
    return async (path, init) => {
      const headers = new Headers(init.headers);
      headers.set('Authorization', auth);
      headers.set('Accept', 'application/json');
      return fetch(`${site.baseUrl}${path}`, { ...init, headers });
    };
  }
  const { standIn } = target;
  return async (path, init, accountId) => {
    const text = typeof init.body === 'string' ? init.body : init.body ? await new Response(init.body).text() : '';
    let body: unknown;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      return Response.json({ errorMessages: ['The request body is not valid JSON.'] }, { status: 400 });
    }
    const result = await standIn.respond(init.method ?? 'GET', path, body, accountId);
    return result.body === undefined
      ? new Response(null, { status: result.status })
      : Response.json(result.body, { status: result.status });
  };
}
