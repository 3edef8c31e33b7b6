/** The chat platforms an operator or a user can write from. */
export type ChatChannel = 'slack' | 'teams';

export const CHAT_CHANNELS: readonly ChatChannel[] = ['slack', 'teams'];

/**
 * A person in a chat, independent of the platform: one user of one tenant
 * (a Slack workspace or a Teams tenant) on one channel.
 */
export interface Participant {
  readonly channel: ChatChannel;
  readonly tenantId: string;
  readonly userId: string;
}

/** A stable identity string for a participant; adapters map it to storage keys. */
export type ParticipantKey = string;

export function participantKey(p: Participant): ParticipantKey {
  return `${p.channel}/${p.tenantId}/${p.userId}`;
}

export function sameParticipant(a: Participant, b: Participant): boolean {
  return a.channel === b.channel && a.tenantId === b.tenantId && a.userId === b.userId;
}

export function isChatChannel(value: unknown): value is ChatChannel {
  return value === 'slack' || value === 'teams';
}

/** Reads a participant key back; undefined for anything that is not one. */
export function parseParticipantKey(key: string): Participant | undefined {
  const match = /^(slack|teams)\/([^/]+)\/(.+)$/.exec(key);
  if (!match?.[1] || !match[2] || !match[3] || !isChatChannel(match[1])) return undefined;
  return { channel: match[1], tenantId: match[2], userId: match[3] };
}

/** A participant as a queued job or stored record carries it: checked before anything is looked up with it. */
export function isParticipant(value: unknown): value is Participant {
  const p = value as Record<string, unknown> | undefined;
  return (
    typeof p === 'object' &&
    p !== null &&
    isChatChannel(p['channel']) &&
    typeof p['tenantId'] === 'string' &&
    typeof p['userId'] === 'string' &&
    p['tenantId'].length > 0 &&
    p['userId'].length > 0 &&
    p['tenantId'].length <= 200 &&
    p['userId'].length <= 200
  );
}
