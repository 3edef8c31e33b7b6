import type { IncomingChatEdit } from '../../app/edits/chat-edit';
import { wellFormed } from '../../domain/text';
import { boundedString, isRecord } from '../chat/payload-checks';
import type { TeamsActivity } from './teams-activity';
import { readTeamsText } from './teams-text';

/** A person's Teams message as its transcript line is keyed (IncomingChatMessage.id): ids are unique within a conversation only. */
export function teamsMessageId(conversationId: string, activityId: string): string {
  return `teams-${conversationId}-${activityId}`;
}

export type NarrowedTeamsEdit = { readonly kind: 'edit'; readonly edit: IncomingChatEdit } | { readonly kind: 'ignored'; readonly reason: string };

/**
 * A person's edit (`messageUpdate`, Teams eventType `editMessage`) or deletion (`messageDelete`,
 * `softDeleteMessage`) of their message in their personal chat with the bot. The activity's `id` is the
 * message's own (Bot Framework: "the updated activity is referred to by the id and conversation fields"), so
 * its line is found by the same key; the delivery is named by the message and, for an edit, its time (each
 * edit is one delivery). An undelete, a channel, or an activity without a time is ignored.
 */
export function narrowTeamsEdit(activity: TeamsActivity, projectId: string, personal: boolean): NarrowedTeamsEdit {
  if (!personal) return { kind: 'ignored', reason: 'an edit outside the personal chat' };
  const channelData = isRecord(activity.raw['channelData']) ? activity.raw['channelData'] : {};
  const eventType = channelData['eventType'];
  const at = activity.timestamp ? Date.parse(activity.timestamp) : Number.NaN;
  if (!Number.isFinite(at) || at <= 0) return { kind: 'ignored', reason: 'an edit without a time' };
  const from = { channel: 'teams' as const, tenantId: activity.tenantId, userId: activity.from.id };
  const lineId = teamsMessageId(activity.conversation.id, activity.id);
  if (activity.type === 'messageDelete') {
    if (eventType !== undefined && eventType !== 'softDeleteMessage') return { kind: 'ignored', reason: `messageDelete ${String(boundedString(eventType, 64))}` };
    return { kind: 'edit', edit: { id: `${lineId}-deleted`, projectId, from, lineId, at, change: { kind: 'deleted' } } };
  }
  if (eventType !== undefined && eventType !== 'editMessage') return { kind: 'ignored', reason: `messageUpdate ${String(boundedString(eventType, 64))}` };
  const rawText = boundedString(activity.raw['text'], 40_000);
  if (rawText === undefined) return { kind: 'ignored', reason: 'an edit without text' };
  const read = readTeamsText(rawText, { plain: activity.raw['textFormat'] === 'plain', mentions: [] });
  const change = { kind: 'edited' as const, text: wellFormed(read.text), ...(read.links.length > 0 ? { links: read.links } : {}) };
  return { kind: 'edit', edit: { id: `${lineId}-edited-${at}`, projectId, from, lineId, at, change } };
}
