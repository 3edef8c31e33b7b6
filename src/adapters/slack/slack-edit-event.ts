import type { IncomingChatEdit } from '../../app/edits/chat-edit';
import { wellFormed } from '../../domain/text';
import { boundedString, isRecord, isSlackId, parseSlackTs } from '../chat/payload-checks';
import type { SlackBotIdentity } from './slack-event';
import { readSlackText } from './slack-text';

/**
 * A person's Slack message as its transcript line is keyed (IncomingChatMessage.id): its conversation and ts,
 * which every later event about it (an edit, a deletion) names too, unlike the event id it first came with.
 */
export function slackMessageId(channel: string, ts: string): string {
  return `slack-${channel}-${ts}`;
}

/** Slack cuts message text at 40,000 characters. */
const MAX_TEXT_CHARS = 40_000;

export type NarrowedSlackEdit = { readonly kind: 'edit'; readonly edit: IncomingChatEdit } | { readonly kind: 'ignored'; readonly reason: string };

/**
 * A person's edit (`message_changed`) or deletion (`message_deleted`) of their own message in their DM with the
 * bot, as the core's IncomingChatEdit; anything else is ignored with its reason: the bot's own changes (its
 * chat.update echoes), a change that leaves the words as they were (Slack adds a link preview that way),
 * channels, and payloads without a well-formed channel, user or ts. Every field is checked before it is used.
 * A deleted message that has thread replies comes as a change to a tombstone: it is a deletion too.
 */
export function narrowSlackEdit(
  envelope: { readonly eventId: string; readonly event: Record<string, unknown> },
  bot: SlackBotIdentity,
  projectId: string,
): NarrowedSlackEdit {
  const { event } = envelope;
  const subtype = event['subtype'];
  const channel = event['channel'];
  if (event['channel_type'] !== undefined && event['channel_type'] !== 'im') return { kind: 'ignored', reason: 'not a direct message' };
  if (!isSlackId(channel)) return { kind: 'ignored', reason: 'no well-formed channel' };
  const previous = isRecord(event['previous_message']) ? event['previous_message'] : {};
  if (subtype === 'message_deleted') return deletion(envelope.eventId, projectId, bot, channel, previous, event['deleted_ts'], event);
  const message = isRecord(event['message']) ? event['message'] : {};
  // A message with thread replies is not removed when deleted: Slack leaves a tombstone in its place, as a change.
  if (message['subtype'] === 'tombstone') return deletion(envelope.eventId, projectId, bot, channel, previous, message['ts'] ?? previous['ts'], event);
  const user = message['user'];
  const ts = message['ts'];
  const edited = isRecord(message['edited']) ? parseSlackTs(message['edited']['ts']) : undefined;
  if (typeof message['bot_id'] === 'string' || user === bot.botUserId) return { kind: 'ignored', reason: 'a bot message' };
  if (!isSlackId(user) || parseSlackTs(ts) === undefined || edited === undefined) return { kind: 'ignored', reason: 'no well-formed user, ts or edit' };
  const rawText = boundedString(message['text'], MAX_TEXT_CHARS);
  if (rawText === undefined) return { kind: 'ignored', reason: 'no well-formed text' };
  if (rawText === previous['text']) return { kind: 'ignored', reason: 'the words did not change' };
  const read = readSlackText(rawText);
  return {
    kind: 'edit',
    edit: {
      id: envelope.eventId,
      projectId,
      from: { channel: 'slack', tenantId: bot.teamId, userId: user },
      lineId: slackMessageId(channel, ts as string),
      at: Math.round(edited * 1000),
      change: { kind: 'edited', text: wellFormed(read.text), ...(read.links.length > 0 ? { links: read.links } : {}) },
    },
  };
}

/**
 * A person's deletion of the message at `ts` (`message_deleted`'s `deleted_ts`, or the ts of the tombstone Slack
 * leaves for a deleted message with replies): its author is the previous message's, and the bot's own are not followed.
 */
function deletion(
  eventId: string,
  projectId: string,
  bot: SlackBotIdentity,
  channel: string,
  previous: Record<string, unknown>,
  ts: unknown,
  event: Record<string, unknown>,
): NarrowedSlackEdit {
  const user = previous['user'];
  const at = parseSlackTs(event['ts']) ?? parseSlackTs(event['event_ts']);
  if (typeof previous['bot_id'] === 'string' || user === bot.botUserId) return { kind: 'ignored', reason: 'a bot message' };
  if (!isSlackId(user) || parseSlackTs(ts) === undefined || at === undefined) return { kind: 'ignored', reason: 'no well-formed user or ts' };
  return { kind: 'edit', edit: { id: eventId, projectId, from: { channel: 'slack', tenantId: bot.teamId, userId: user }, lineId: slackMessageId(channel, ts as string), at: Math.round(at * 1000), change: { kind: 'deleted' } } };
}
