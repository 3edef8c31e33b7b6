import { checkBlocks } from './block-kit-checks';
import { MAX_SANDBOX_FILE_BYTES, wireFile, type SandboxFileStore } from './file-store';
import type { ConversationStore, SandboxMessage } from './conversation-store';
import { SANDBOX_GENERAL_CHANNEL, SANDBOX_WORKSPACE, dmChannelOf, findMember, findPerson, personOfDm } from './workspace';

type Args = Readonly<Record<string, string>>;

/** What a call changed that Slack would tell the app about (the bot's echo). */
export type ChatEffect = { readonly kind: 'posted' | 'updated' | 'deleted'; readonly message: SandboxMessage; readonly previous?: SandboxMessage };

export interface MethodOutcome {
  readonly body: Record<string, unknown>;
  readonly effect?: ChatEffect;
}

const MAX_TEXT = 40_000;

/** The bot as it appears on its own messages. */
export const BOT_PROFILE = {
  id: SANDBOX_WORKSPACE.botId,
  app_id: SANDBOX_WORKSPACE.appId,
  user_id: SANDBOX_WORKSPACE.botUserId,
  name: 'Koji',
  team_id: SANDBOX_WORKSPACE.teamId,
  deleted: false,
  updated: 1_700_000_000,
  icons: { image_48: 'https://avatars.sandbox.test/koji-48.png' },
} as const;

/** A person's id or DM id resolve to their DM with the bot (as Slack resolves a user id given as channel); #general is there too. */
function resolveChannel(channel: string): string | undefined {
  if (channel === SANDBOX_GENERAL_CHANNEL) return channel;
  if (findPerson(channel)) return dmChannelOf(channel);
  if (personOfDm(channel)) return channel;
  return undefined;
}

/** files.getUploadURLExternal: a filename and a length (bytes, not 0) give where to POST the bytes. */
export function getUploadUrl(files: SandboxFileStore, args: Args): MethodOutcome {
  const filename = args['filename'] ?? '';
  const length = Number(args['length']);
  if (filename === '' || !args['length']) return fail('invalid_arguments');
  if (!Number.isInteger(length) || length <= 0 || length > MAX_SANDBOX_FILE_BYTES) return fail('invalid_arguments');
  const { uploadUrl, fileId } = files.startUpload(filename, length);
  return { body: { ok: true, upload_url: uploadUrl, file_id: fileId } };
}

/** files.completeUploadExternal: the uploaded files, shared in `channel_id` with `initial_comment` as the bot's post. */
export function completeUpload(store: ConversationStore, files: SandboxFileStore, args: Args): MethodOutcome {
  let list: unknown;
  try {
    list = JSON.parse(args['files'] ?? '');
  } catch {
    return fail('invalid_arguments');
  }
  if (!Array.isArray(list) || list.length === 0) return fail('invalid_arguments');
  const done = list.map((f: { id?: unknown; title?: unknown }) => (typeof f.id === 'string' ? files.complete(f.id, typeof f.title === 'string' ? f.title : undefined) : undefined));
  if (done.some((f) => f === undefined)) return fail('file_not_found');
  const shared = done.filter((f) => f !== undefined).map(wireFile);
  const channel = args['channel_id'] ? resolveChannel(args['channel_id']) : undefined;
  if (args['channel_id'] && !channel) return fail('channel_not_found');
  if (!channel) return { body: { ok: true, files: shared } };
  const message = store.add({ channel, ts: store.nextTs(), user: SANDBOX_WORKSPACE.botUserId, botId: SANDBOX_WORKSPACE.botId, text: args['initial_comment'] ?? '', files: shared });
  return { body: { ok: true, files: shared.map((f) => ({ id: f['id'], title: f['title'] })) }, effect: { kind: 'posted', message } };
}

export function postMessage(store: ConversationStore, args: Args): MethodOutcome {
  const channel = resolveChannel(args['channel'] ?? '');
  if (!channel) return fail('channel_not_found');
  const text = args['text'] ?? '';
  const checked = checkBlocks(args['blocks']);
  if (!checked.ok) return fail(checked.error, { response_metadata: { messages: checked.messages } });
  if (text.trim() === '' && !checked.blocks && !args['attachments']) return fail('no_text');
  if (text.length > MAX_TEXT) return fail('msg_too_long');
  const metadata = readMetadata(args['metadata']);
  if (metadata === 'invalid') return fail('invalid_metadata_format');
  const message = store.add({
    channel,
    ts: store.nextTs(),
    user: SANDBOX_WORKSPACE.botUserId,
    botId: SANDBOX_WORKSPACE.botId,
    text,
    username: args['username'] || undefined,
    blocks: checked.blocks,
    ...(metadata ? { metadata } : {}),
  });
  return { body: { ok: true, channel, ts: message.ts, message: wireMessage(message) }, effect: { kind: 'posted', message } };
}

/** chat.update needs the conversation id (D…/C…) and the ts; only the bot's own messages can change. */
export function updateMessage(store: ConversationStore, args: Args): MethodOutcome {
  const channel = args['channel'] ?? '';
  if (channel !== SANDBOX_GENERAL_CHANNEL && !personOfDm(channel)) return fail('channel_not_found');
  const ts = args['ts'] ?? '';
  const previous = store.get(channel, ts);
  if (!previous) return fail('message_not_found');
  if (previous.user !== SANDBOX_WORKSPACE.botUserId) return fail('cant_update_message');
  const checked = checkBlocks(args['blocks']);
  if (!checked.ok) return fail(checked.error, { response_metadata: { messages: checked.messages } });
  const text = args['text'] ?? '';
  if (text.trim() === '' && !checked.blocks) return fail('no_text');
  if (text.length > MAX_TEXT) return fail('msg_too_long');
  const message = store.update(channel, ts, { text, blocks: checked.blocks, editedTs: store.nextTs() });
  if (!message) return fail('message_not_found');
  return { body: { ok: true, channel, ts, text, message: wireMessage(message) }, effect: { kind: 'updated', message, previous } };
}

/** chat.delete: the conversation id and the ts of one of the bot's own messages, which is gone afterwards. */
export function deleteMessage(store: ConversationStore, args: Args): MethodOutcome {
  const channel = args['channel'] ?? '';
  if (channel !== SANDBOX_GENERAL_CHANNEL && !personOfDm(channel)) return fail('channel_not_found');
  const ts = args['ts'] ?? '';
  const existing = store.get(channel, ts);
  if (!existing) return fail('message_not_found');
  if (existing.user !== SANDBOX_WORKSPACE.botUserId) return fail('cant_delete_message');
  store.remove(channel, ts);
  return { body: { ok: true, channel, ts }, effect: { kind: 'deleted', message: existing } };
}

/** Message metadata as chat.postMessage takes it: an `event_type` and an `event_payload` object. */
function readMetadata(raw: string | undefined): Record<string, unknown> | undefined | 'invalid' {
  if (raw === undefined || raw === '') return undefined;
  try {
    const value = JSON.parse(raw) as { event_type?: unknown; event_payload?: unknown };
    const ok = typeof value.event_type === 'string' && /^[a-z0-9_]{1,255}$/i.test(value.event_type) && typeof value.event_payload === 'object' && value.event_payload !== null;
    return ok ? { event_type: value.event_type, event_payload: value.event_payload } : 'invalid';
  } catch {
    return 'invalid';
  }
}

/**
 * conversations.history: a conversation's messages, newest first, at most
 * `limit` (default 100), those after `oldest` when given (seconds, as a ts)
 * and before `latest` (at it too with `inclusive`); with
 * `include_all_metadata`, each message's metadata too.
 */
export function conversationHistory(store: ConversationStore, args: Args): MethodOutcome {
  const channel = args['channel'] ?? '';
  if (!channel) return fail('channel_not_found');
  if (channel !== SANDBOX_GENERAL_CHANNEL && !personOfDm(channel)) return fail('channel_not_found');
  const oldest = Number(args['oldest'] ?? '0');
  // `latest`: only messages before it, or at it too with `inclusive` (Slack's default for latest is now).
  const latest = args['latest'] === undefined ? Infinity : Number(args['latest']);
  const inclusive = args['inclusive'] === 'true' || args['inclusive'] === '1';
  const limit = Math.min(Math.max(Number(args['limit'] ?? '100') || 100, 1), 999);
  const withMetadata = args['include_all_metadata'] === 'true' || args['include_all_metadata'] === '1';
  const messages = store
    .list(channel)
    .filter((m) => !Number.isFinite(oldest) || Number(m.ts) > oldest)
    .filter((m) => Number.isNaN(latest) || Number(m.ts) < latest || (inclusive && Number(m.ts) === latest))
    .reverse();
  const page = messages.slice(0, limit);
  return {
    body: {
      ok: true,
      messages: page.map((m) => ({ ...wireMessage(m), ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) })),
      has_more: messages.length > page.length,
    },
  };
}

/** conversations.open for one person: their DM's id. */
export function openConversation(args: Args): MethodOutcome {
  const users = (args['users'] ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (users.length === 0) {
    const channel = args['channel'] ?? '';
    return personOfDm(channel) ? { body: { ok: true, channel: { id: channel } } } : fail(channel ? 'channel_not_found' : 'users_list_not_supplied');
  }
  // Group DMs (several users) are not part of the sandbox.
  if (users.length > 1) return fail('not_supported_in_sandbox');
  const member = findMember(users[0] ?? '');
  if (!member) return fail('user_not_found');
  if (member.is_bot || member.id === 'USLACKBOT') return fail('cannot_dm_bot');
  if (member.deleted) return fail('user_disabled');
  return { body: { ok: true, channel: { id: dmChannelOf(member.id) } } };
}

/** A stored message as Slack shows it in API answers and events. */
export function wireMessage(message: SandboxMessage): Record<string, unknown> {
  const fromBot = message.botId !== undefined;
  return {
    type: 'message',
    ...(message.username ? { username: message.username } : {}),
    text: message.text,
    user: message.user,
    ts: message.ts,
    team: SANDBOX_WORKSPACE.teamId,
    ...(fromBot ? { bot_id: message.botId, app_id: SANDBOX_WORKSPACE.appId, bot_profile: BOT_PROFILE } : {}),
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.editedTs ? { edited: { user: message.user, ts: message.editedTs } } : {}),
    ...(message.files ? { files: message.files, upload: false } : {}),
  };
}

function fail(error: string, extra: Record<string, unknown> = {}): MethodOutcome {
  return { body: { ok: false, error, ...extra } };
}
