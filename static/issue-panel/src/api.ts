import { invoke } from '@forge/bridge';
import type { ResolverContract, ResolverResult } from '../../../src/shared/resolver-contract';

export type TranscriptAnswer = ResolverContract['transcript/get']['response'];

/** What the panel shows when the resolver could not be reached or failed unexpectedly. */
const UNREACHABLE = 'Koji could not be reached. Reload the page and try again.';

/**
 * The conversation of the ticket the panel is open on. The resolver reads the issue from the
 * Forge context, so the call has no payload. A call that fails outright (network, resolver
 * crash) becomes `{ ok: false }` too, so the panel has a single way to show problems.
 */
export async function getTranscript(): Promise<ResolverResult<TranscriptAnswer>> {
  const payload: ResolverContract['transcript/get']['request'] = {};
  try {
    const answer: unknown = await invoke('transcript/get', payload);
    if (isTranscriptResult(answer)) return answer;
    return { ok: false, error: { code: 'unexpected_answer', message: UNREACHABLE } };
  } catch (error) {
    const message = error instanceof Error ? error.message.trim() : '';
    return { ok: false, error: { code: 'invoke_failed', message: message ? `${UNREACHABLE} (${message})` : UNREACHABLE } };
  }
}

function isTranscriptResult(value: unknown): value is ResolverResult<TranscriptAnswer> {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  if (ok === true) {
    const data = (value as { data?: unknown }).data as { conversation?: unknown; transcript?: { lines?: unknown } } | undefined;
    return typeof data?.conversation === 'object' && data.conversation !== null && Array.isArray(data.transcript?.lines);
  }
  if (ok === false) {
    const error = (value as { error?: unknown }).error;
    return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
  }
  return false;
}
