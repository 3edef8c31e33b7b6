import { invoke } from '@forge/bridge';
import type { ResolverContract, ResolverKey, ResolverResult } from '../../../src/shared/resolver-contract';

export type Payload<K extends ResolverKey> = ResolverContract[K]['request'];
export type Answer<K extends ResolverKey> = ResolverContract[K]['response'];
export type Result<K extends ResolverKey> = ResolverResult<Answer<K>>;

/** What the page shows when the resolver could not be reached or failed unexpectedly. */
const UNREACHABLE = 'Koji could not be reached. Reload the page and try again.';

/**
 * Calls one of the backoffice resolvers. Every answer is a `ResolverResult`; a call that
 * fails outright (network, resolver crash) becomes `{ ok: false }` too, so the page has a
 * single way to show problems.
 */
export async function call<K extends ResolverKey>(key: K, payload: Payload<K>): Promise<Result<K>> {
  try {
    const answer: unknown = await invoke(key, { ...payload });
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
