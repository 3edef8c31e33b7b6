/**
 * "On this machine", the one test the local platform's private doors (faults, the sandbox set-up, the Agents
 * Playground's bridge) apply: the peer's address, and the host a URL or `Host` header names.
 */
const LOOPBACK_PEERS = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A socket's remote address that is this machine. */
export function isLoopbackPeer(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK_PEERS.has(address);
}

/** A URL's or `Host` header's host name (without port) that is this machine. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}
