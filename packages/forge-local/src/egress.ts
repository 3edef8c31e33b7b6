import { currentInvocation, timedStep } from './invocation-counters';

/**
 * Forge's egress rule on this machine: a function of the app may fetch only the hosts
 * manifest.yml declares under permissions.external.fetch.backend. On Forge the runtime refuses
 * the rest and the invocation fails ("URL not included in the external fetch backend
 * permissions"); here `fetch` throws an error that names the host and that key.
 *
 * Only fetches made inside an invocation of the app are checked: the specs' own fetches and
 * the platform's (its sandboxes delivering events, a real Jira site's calls, which run outside
 * any invocation or through `platformFetch`) are not the app's egress.
 *
 * The app names only real hosts (slack.com, Microsoft's login, Bot Framework's metadata). As
 * Forge's runtime proxies the app's egress, the platform routes those to its stand-ins: each
 * `EgressRoute` sends a URL that starts with `from` to `to` plus the rest, after the check above
 * (so the manifest must still declare the real host).
 */

/**
 * The loopback names a local stand-in answers on. No deployed app can reach this machine, so
 * anything the app fetches here stands in for a declared host: the platform's own Slack and
 * Teams sandboxes (a `serviceUrl` or `jwks_uri` they hand out), the Agents Playground's Bot
 * Connector (localhost:56150), or a developer's mock.
 * The same names the Playground bridge accepts as a serviceUrl; 127.0.0.2 and the like are not among them.
 */
const STAND_IN_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export class EgressRefused extends Error {
  constructor(readonly host: string, url: URL) {
    // The origin only: a URL's path and query may carry tokens.
    super(
      `URL not included in the external fetch backend permissions: ${url.origin}. Forge refuses the app's fetch to ${host}: ` +
        `add it to permissions.external.fetch.backend in manifest.yml (\`- address: ${host}\`).`,
    );
    this.name = 'EgressRefused';
  }
}

/** Whether a backend egress list allows a URL: Forge matches the host alone; `*.x` covers x's subdomains, not x. */
export function egressAllows(addresses: readonly string[], url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (STAND_IN_HOSTS.has(host)) return true;
  return addresses.some((address) => {
    const declared = hostOf(address);
    if (declared === '*') return true;
    if (declared.startsWith('*.')) return host.endsWith(declared.slice(1));
    return host === declared;
  });
}

function hostOf(address: string): string {
  const trimmed = address.trim().toLowerCase();
  if (!trimmed.includes('://')) return trimmed.split('/')[0] ?? '';
  try {
    return new URL(trimmed.replace('://*.', '://wildcard.')).hostname.replace(/^wildcard\./, '*.');
  } catch {
    return trimmed;
  }
}

/** The fetch the platform itself uses while an invocation runs (a real Jira site's calls): never checked. */
export const platformFetch: typeof fetch = globalThis.fetch.bind(globalThis);

/** A real endpoint (`https://slack.com/api/`) and the stand-in that answers for it on this machine. */
export interface EgressRoute {
  readonly from: string;
  readonly to: string;
}

/** Where a route sends a URL, if one matches it (the first that does). */
export function routedUrl(routes: readonly EgressRoute[], url: string): string | undefined {
  const route = routes.find((r) => url.startsWith(r.from));
  return route ? `${route.to}${url.slice(route.from.length)}` : undefined;
}

interface Policy {
  readonly addresses: readonly string[];
  /** Read per fetch: the stand-ins' addresses are known only once the platform listens. */
  readonly routes: () => readonly EgressRoute[];
}

// Several platforms may run in one process (a spec pairs two): the newest one's manifest and
// routes decide, and the original fetch comes back when the last one closes.
const policies: Policy[] = [];
let original: typeof fetch | undefined;

/**
 * Puts the check and the routes in front of `globalThis.fetch`; returns the function that takes
 * them away. The routes apply to every fetch while the platform runs (the app's code also runs
 * outside invocations here, when the platform connects the tenants its environment names), the
 * check to the app's invocations only.
 */
export function installEgressGuard(addresses: readonly string[], routes: () => readonly EgressRoute[] = () => []): () => void {
  const policy: Policy = { addresses: [...addresses], routes };
  policies.push(policy);
  if (!original) {
    const unguarded = globalThis.fetch;
    original = unguarded;
    globalThis.fetch = (input, init) => {
      const current = policies[policies.length - 1];
      if (!current) return unguarded(input, init);
      const href = input instanceof Request ? input.url : String(input);
      if (currentInvocation.getStore()) {
        const url = URL.parse(href);
        // An unparsable URL is left to fetch, which refuses it as it always does.
        if (url && !egressAllows(current.addresses, url)) return Promise.reject(new EgressRefused(url.hostname, url));
      }
      const routed = routedUrl(current.routes(), href);
      const target = routed === undefined ? input : input instanceof Request ? new Request(routed, input) : routed;
      return timedStep('fetch', () => unguarded(target, init));
    };
  }
  let installed = true;
  return () => {
    if (!installed) return;
    installed = false;
    policies.splice(policies.indexOf(policy), 1);
    if (policies.length === 0 && original) {
      globalThis.fetch = original;
      original = undefined;
    }
  };
}
