import type { IncomingChatMessage } from '../../app/conversation/incoming-message';
import { isChatActionKind, type ChatActionKind } from '../../domain/outgoing-message';
import { isSafeLink, type AttachmentRef } from '../../domain/transcript';
import { boundedString, buttonValueFor, isButtonRef, isRecord, isSlackId, isSlackTs, isToken, parseSlackTs } from '../chat/payload-checks';
import type { BlockActionsPayload, SlackRequest } from './slack-request';
import { wellFormed } from '../../domain/text';
import { readSlackText } from './slack-text';
import { isSlackFileUrl } from './slack-file-host';
import { narrowSlackEdit, slackMessageId, type NarrowedSlackEdit } from './slack-edit-event';

/** What the bot needs to know about itself to ignore its own echoes. */
export interface SlackBotIdentity {
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId?: string | undefined;
}

/** The bot's message a button was on, as the click payload carried it: what `chat.update` needs to mark it used. */
export interface SlackCard {
  readonly channel: string;
  readonly ts: string;
  readonly text: string;
  readonly blocks: readonly Record<string, unknown>[];
}

export type NarrowedSlackEvent = { readonly kind: 'message'; readonly message: IncomingChatMessage; readonly card?: SlackCard | undefined } | NarrowedSlackEdit;

/** A person's edit or deletion of their message (slack-edit-event.ts). */
const EDIT_SUBTYPES = new Set(['message_changed', 'message_deleted']);

/** Slack cuts message text at 40,000 characters; anything longer is not a message Slack sent. */
const MAX_TEXT_CHARS = 40_000;

/** Subtypes that carry a person's words; everything else (joins, edits, deletions, bot posts) is bookkeeping. */
const USER_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

/**
 * Whose records the core will read first, if the request is a person's message or click:
 * their Slack user id, read off the payload before its signature is checked, so that
 * read can run beside the signing secret's (see the receiver). Only a hint: nothing but
 * a read is started with it, and the message is still narrowed once the request verified.
 * The bot's echoes and bookkeeping events name nobody (they would cost a read for nothing).
 */
export function senderToReadAhead(request: SlackRequest): string | undefined {
  if (request.kind === 'block-actions') return request.payload.user.id;
  if (request.kind !== 'event') return undefined;
  const { event } = request;
  // Edits go to their own handler, which reads the sender's records its own way.
  if (ignoredWhateverTheWorkspace(event) !== undefined || EDIT_SUBTYPES.has(String(event['subtype']))) return undefined;
  return isSlackId(event['user']) ? event['user'] : undefined;
}

/**
 * Why an event is ignored whichever workspace sent it (another type of event, any bot's message, bookkeeping,
 * channel chatter), or undefined when that takes the workspace's bot identity or the event is a person's message
 * or edit. Read off the payload alone, so the receiver answers these with a 200 before any look-up: ignoring
 * changes nothing, so a forged one gains nothing, and Slack's echo of each post the bot makes costs no read.
 */
export function ignoredWhateverTheWorkspace(event: Record<string, unknown>): string | undefined {
  const type = event['type'];
  // The reason names the type only when it is a short string: String() of a deeply nested array overflows the stack.
  if (type !== 'message' && type !== 'app_mention') return `event type ${isToken(type, 64) ? type : typeof type}`;
  if (typeof event['bot_id'] === 'string') return 'a bot message';
  const subtype = typeof event['subtype'] === 'string' ? event['subtype'] : undefined;
  if (type === 'message' && subtype !== undefined && EDIT_SUBTYPES.has(subtype)) return undefined;
  if (event['hidden'] === true || !USER_SUBTYPES.has(subtype)) return `subtype ${String(subtype)}`;
  // A channel message reaches us as app_mention when it names the bot; plain channel chatter is not for us.
  if (type === 'message' && event['channel_type'] !== 'im') return 'not a direct message';
  return undefined;
}

/**
 * Turns a Slack event into the core's channel-neutral message, or says why it
 * is ignored: the bot's own echo, other bots, edits and deletions, hidden
 * events, and anything outside a direct message or a mention of the bot.
 */
export function narrowSlackEvent(
  envelope: { readonly eventId: string; readonly event: Record<string, unknown> },
  bot: SlackBotIdentity,
  projectId: string,
): NarrowedSlackEvent {
  const { event } = envelope;
  const type = event['type'];
  const ignored = ignoredWhateverTheWorkspace(event);
  if (ignored !== undefined) return { kind: 'ignored', reason: ignored };
  if (event['user'] === bot.botUserId) return { kind: 'ignored', reason: 'a bot message' };
  const subtype = typeof event['subtype'] === 'string' ? event['subtype'] : undefined;
  if (type === 'message' && subtype !== undefined && EDIT_SUBTYPES.has(subtype)) return narrowSlackEdit(envelope, bot, projectId);
  const user = event['user'];
  // Checked before anything is stored: the user id goes into keys, the ts becomes the transcript line's time.
  const seconds = parseSlackTs(event['ts']);
  if (!isSlackId(user) || seconds === undefined) return { kind: 'ignored', reason: 'no well-formed user or ts' };
  const rawText = boundedString(event['text'], MAX_TEXT_CHARS) ?? '';
  const read = readSlackText(type === 'app_mention' ? withoutBotMention(rawText, bot.botUserId) : rawText);
  // Half an emoji (or an entity naming one) would break every encoder after this point.
  const text = wellFormed(read.text);
  const { links } = read;
  // A reply in a thread of the DM (its parent's ts); a thread's parent itself carries its own ts as thread_ts.
  const threadTs = type === 'message' && isSlackTs(event['thread_ts']) && event['thread_ts'] !== event['ts'] ? event['thread_ts'] : undefined;
  return {
    kind: 'message',
    message: {
      // Keyed by the message itself (its DM and ts), so an edit or deletion of it, which names those, finds its line.
      id: isSlackId(event['channel']) ? slackMessageId(event['channel'], event['ts'] as string) : envelope.eventId,
      projectId,
      from: { channel: 'slack', tenantId: bot.teamId, userId: user },
      text,
      ...(links.length > 0 ? { links } : {}),
      sentAt: Math.round(seconds * 1000),
      attachments: filesOf(event['files']),
      ...(threadTs ? { inThreadOf: threadTs } : {}),
    },
  };
}

/** Button ids the Slack renderer gives each action; clicks come back with them. */
export const ACTION_ID_PREFIX = 'koji:';

/** A button click as the same message a typed command would be. */
export function narrowBlockAction(payload: BlockActionsPayload, teamId: string, projectId: string): NarrowedSlackEvent {
  const action = payload.actions[0];
  if (!action?.action_id.startsWith(ACTION_ID_PREFIX)) return { kind: 'ignored', reason: 'not a Koji button' };
  const kind = action.action_id.slice(ACTION_ID_PREFIX.length).split(':')[0];
  if (!isChatActionKind(kind)) return { kind: 'ignored', reason: `unknown button ${action.action_id}` };
  const clickedAt = parseSlackTs(action.action_ts);
  if (clickedAt === undefined) return { kind: 'ignored', reason: 'no well-formed action_ts' };
  const { conversationId, value } = buttonValue(kind, action.value);
  return {
    kind: 'message',
    message: {
      // Slack sends a click once; its action_ts and the clicker make it unique if it ever comes twice.
      id: `action-${action.action_ts}-${payload.user.id}`,
      projectId,
      from: { channel: 'slack', tenantId: teamId, userId: payload.user.id },
      text: '',
      sentAt: Math.round(clickedAt * 1000),
      action: { kind, value },
      conversationId,
    },
    card: cardOf(payload),
  };
}

function cardOf(payload: BlockActionsPayload): SlackCard | undefined {
  const channel = payload.container?.channel_id;
  const ts = payload.container?.message_ts ?? payload.message?.ts;
  const blocks = payload.message?.blocks;
  if (!channel || !ts || !Array.isArray(blocks)) return undefined;
  return { channel, ts, text: payload.message?.text ?? '', blocks: blocks.filter(isRecord) };
}

export function encodeButtonValue(conversationId: string | undefined, value: string | undefined): string {
  return JSON.stringify({ c: conversationId, v: value });
}

function buttonValue(kind: ChatActionKind, raw: string | undefined): { conversationId?: string | undefined; value?: string | undefined } {
  try {
    const parsed = JSON.parse(raw ?? '{}') as unknown;
    if (!isRecord(parsed)) return {};
    return {
      // The app wrote these (a conversation id, an operator's key); ones that could not be keys are dropped.
      conversationId: isButtonRef(parsed['c']) ? parsed['c'] : undefined,
      value: buttonValueFor(kind, parsed['v']),
    };
  } catch {
    return {};
  }
}

function withoutBotMention(text: string, botUserId: string): string {
  return text.replace(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g'), '').trim();
}

function filesOf(files: unknown): AttachmentRef[] | undefined {
  if (!Array.isArray(files)) return undefined;
  // Slack attaches at most ten files to a message.
  const refs = files.slice(0, 10).filter(isRecord).map((f): AttachmentRef => {
    const download = boundedString(f['url_private_download'], 2048) ?? boundedString(f['url_private'], 2048);
    const size = f['size'];
    const mimeType = boundedString(f['mimetype'], 128)?.toLowerCase();
    return {
      name: wellFormed(boundedString(f['name'], 256) ?? 'file'),
      url: boundedString(f['permalink'], 2048) ?? download ?? '',
      ...(typeof size === 'number' && Number.isInteger(size) && size >= 0 && size <= MAX_FILE_BYTES ? { size } : {}),
      ...(mimeType && MIME_TYPE.test(mimeType) ? { mimeType } : {}),
      // Only Slack's own file host is ever fetched with the bot token; a file without such a link stays a link.
      ...(isSlackFileUrl(download) ? { download } : {}),
    };
  });
  // Only https links are kept: a link ends up as an href in the issue panel and the ticket.
  const safe = refs.filter((r) => isSafeLink(r.url));
  return safe.length > 0 ? safe : undefined;
}

/** Larger than any file Slack stores (1 GB): a size beyond it is not one Slack sent. */
const MAX_FILE_BYTES = 1024 * 1024 * 1024;
const MIME_TYPE = /^[a-z0-9][a-z0-9.+-]{0,40}\/[a-z0-9][a-z0-9.+-]{0,80}$/;
