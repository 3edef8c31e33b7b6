import type { SentCard } from '../../app/ports';
import { isTeamsId, TEAMS_ID_WEIGHT } from '../chat/payload-checks';
import { refPart } from '../chat/sent-card-ref';

/** Where a Teams activity went, as `PUT …/conversations/{id}/activities/{activityId}` names it, and whether it was a card. */
export interface TeamsActivityRef {
  readonly conversationId: string;
  readonly activityId: string;
  readonly card: boolean;
}

/** A ref is stored (KVS) and read back: one of ours, ids at their longest, is shorter than this. */
const MAX_REF_CHARS = 1000;

/** The SentCard of a sent activity; undefined when the Bot Connector gave no usable id (Microsoft's local test client answers 202 without one). */
export function teamsSentCard(conversationId: string, activityId: string, card: boolean): SentCard | undefined {
  if (!isTeamsId(conversationId, TEAMS_ID_WEIGHT.conversation) || !isTeamsId(activityId, TEAMS_ID_WEIGHT.activity)) return undefined;
  return { ref: JSON.stringify({ teams: { c: conversationId, a: activityId, card } }) };
}

/** The activity a SentCard names, if it is a well-formed Teams one; anything else (another platform's, garbled) names none. */
export function teamsActivityOf(sent: SentCard): TeamsActivityRef | undefined {
  const teams = refPart(sent, 'teams', MAX_REF_CHARS);
  if (!teams) return undefined;
  const { c, a, card } = teams;
  if (!isTeamsId(c, TEAMS_ID_WEIGHT.conversation) || !isTeamsId(a, TEAMS_ID_WEIGHT.activity) || typeof card !== 'boolean') return undefined;
  return { conversationId: c, activityId: a, card };
}
