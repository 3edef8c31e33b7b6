import { platformFetch } from '../egress';
import type { LocalApp } from '../local-app';
import type { JsmStandIn } from './jsm-stand-in';
import type { MultipartBody } from './attachments';

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
 * other identity to borrow. Either way, a call gets only the scopes manifest.yml lists
 * (the app's table of its Jira calls says which each needs), as on Forge.
 */
export function jiraRemote(
  target: { readonly standIn: JsmStandIn } | { readonly site: RealJiraSite },
  scopes: ReadonlySet<string>,
  calls: LocalApp['jiraCalls'],
): (path: string, init: RequestInit, accountId: string | undefined) => Promise<Response> {
  const answer = serve(target);
  return async (path, init, accountId) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const call = calls.find(method, path);
    if (!call) {
      // Thrown, not answered: a 404 could pass for "no such issue" in the app's handling.
      throw new Error(
        `${method} ${path.split('?')[0] ?? ''} is not in ${calls.table}: list it there with the scope it needs, so the local platform can hold it to manifest.yml.`,
      );
    }
    if (!scopes.has(call.scope)) {
      return Response.json(
        { errorMessages: [`Unauthorized; scope does not match: ${method} ${call.path} needs ${call.scope}, which manifest.yml permissions.scopes lacks.`], errors: {} },
        { status: 403 },
      );
    }
    return answer(path, init, accountId);
  };
}

function serve(
  target: { readonly standIn: JsmStandIn } | { readonly site: RealJiraSite },
): (path: string, init: RequestInit, accountId: string | undefined) => Promise<Response> {
  if ('site' in target) {
    const { site } = target;
    const auth = `Basic ${Buffer.from(`${site.email}:${site.apiToken}`).toString('base64')}`;
    return async (path, init) => {
      const headers = new Headers(init.headers);
      headers.set('Authorization', auth);
      headers.set('Accept', 'application/json');
      return platformFetch(`${site.baseUrl}${path}`, { ...init, headers });
    };
  }
  const { standIn } = target;
  return async (path, init, accountId) => {
    const headers = new Headers(init.headers);
    if ((headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
      // As Jira reads an upload: the `file` parts, and the XSRF header attachTemporaryFile insists on.
      const form = await new Response(init.body, { headers: { 'content-type': headers.get('content-type') ?? '' } }).formData().catch(() => undefined);
      if (!form) return Response.json({ errorMessages: ['The multipart body could not be read.'] }, { status: 400 });
      const parts = form.getAll('file').flatMap((p) => (typeof p === 'string' ? [] : [p]));
      const files = await Promise.all(parts.map(async (f) => ({ name: f.name, type: f.type, bytes: Buffer.from(await f.arrayBuffer()) })));
      const body: MultipartBody = { multipart: true, files, atlassianToken: headers.get('x-atlassian-token') ?? undefined };
      const result = await standIn.respond(init.method ?? 'GET', path, body, accountId);
      return Response.json(result.body ?? null, { status: result.status });
    }
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
