import { currentInvocation } from './invocation-counters';

/**
 * Forge's egress rule on this machine: a function of the app may fetch only the hosts
 * manifest.yml declares under permissions.external.fetch.backend. On Forge the runtime refuses
 * the rest and the invocation fails ("URL not included in the external fetch backend
 * permissions"); here `fetch` throws an error that names the host and that key.
 *
 * Only fetches made inside an invocation of the app are checked: the specs' own fetches and
 * the platform's (its sandboxes delivering events, a real Jira site's calls, which run outside
 * any invocation or through `platformFetch`) are not the app's egress.
 */

/**
 * The loopback names a local stand-in answers on. No deployed app can reach this machine, so
 * anything the app fetches here stands in for a declared host: the platform's own Slack and
 * Teams sandboxes (SLACK_API_URL, TEAMS_LOGIN_URL and TEAMS_OPENID_METADATA_URL point at its
 * base URL), the Agents Playground's Bot Connector (localhost:56150), or a developer's mock.
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

// Several platforms may run in one process (a spec pairs two): the newest one's manifest decides,
// and the original fetch comes back when the last one closes.
const policies: Array<readonly string[]> = [];
let original: typeof fetch | undefined;

/** Puts the check in front of `globalThis.fetch`; returns the function that takes it away. */
export function installEgressGuard(addresses: readonly string[]): () => void {
  const policy = [...addresses];
  policies.push(policy);
  if (!original) {
    const unguarded = globalThis.fetch;
    original = unguarded;
    globalThis.fetch = (input, init) => {
      const current = policies[policies.length - 1];
      if (current && currentInvocation.getStore()) {
        const url = URL.parse(input instanceof Request ? input.url : String(input));
        // An unparsable URL is left to fetch, which refuses it as it always does.
        if (url && !egressAllows(current, url)) return Promise.reject(new EgressRefused(url.hostname, url));
      }
      return unguarded(input, init);
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
