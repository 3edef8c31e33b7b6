import type { SentCard } from '../../app/ports';

/**
 * A SentCard's ref is JSON with one key naming its platform (`{"slack":{…}}`, `{"teams":{…}}`): stored in KVS and
 * read back, so it is read as untrusted. Answers the object under `platform`, or undefined for anything else
 * (another platform's ref, one longer than `maxChars`, garbled JSON).
 */
export function refPart(sent: SentCard, platform: 'slack' | 'teams', maxChars: number): Record<string, unknown> | undefined {
  if (typeof sent.ref !== 'string' || sent.ref.length > maxChars) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(sent.ref);
  } catch {
    return undefined;
  }
  const part = (parsed as Record<string, unknown> | null)?.[platform];
  return typeof part === 'object' && part !== null ? (part as Record<string, unknown>) : undefined;
}
