import { randomUUID } from 'node:crypto';
import { TEAMS_SANDBOX, personalConversationId, type TeamsSandboxPerson } from './tenant';

export interface TeamsAccount {
  readonly id: string;
  readonly name?: string;
  readonly aadObjectId?: string;
}

export interface TeamsConversationAccount {
  readonly id: string;
  readonly conversationType: 'personal' | 'channel' | 'groupChat';
  readonly tenantId: string;
  readonly isGroup?: boolean;
}

/** An activity as the Bot Connector POSTs it to the bot (the fields the sandbox sends; Teams may add more). */
export interface TeamsActivity {
  readonly type: 'message' | 'messageUpdate' | 'messageDelete' | 'installationUpdate' | 'conversationUpdate' | 'invoke';
  /** An invoke's name (`fileConsent/invoke`). */
  readonly name?: string;
  readonly id: string;
  readonly timestamp: string;
  readonly localTimestamp?: string;
  readonly localTimezone?: string;
  readonly channelId: 'msteams';
  readonly serviceUrl: string;
  readonly from: TeamsAccount;
  readonly conversation: TeamsConversationAccount;
  readonly recipient: TeamsAccount;
  readonly locale?: string;
  readonly text?: string;
  readonly textFormat?: 'plain';
  readonly attachments?: readonly Record<string, unknown>[];
  readonly entities?: readonly Record<string, unknown>[];
  readonly channelData: Record<string, unknown>;
  readonly value?: unknown;
  readonly replyToId?: string;
  readonly action?: 'add' | 'remove';
  readonly membersAdded?: readonly TeamsAccount[];
  readonly membersRemoved?: readonly TeamsAccount[];
}

/** Where and when an activity happens: the sandbox's serviceUrl, its clock, and the activity's id. */
export interface ActivityContext {
  readonly serviceUrl: string;
  readonly nowMs: number;
  readonly id: string;
}

const BOT: TeamsAccount = { id: TEAMS_SANDBOX.botId, name: TEAMS_SANDBOX.botName };
const TENANT = { tenant: { id: TEAMS_SANDBOX.tenantId } };

/** Teams' ids for conversation events: `f:` and a GUID. */
export function newEventActivityId(): string {
  return `f:${randomUUID()}`;
}

function from(p: TeamsSandboxPerson): TeamsAccount {
  return { id: p.id, name: p.name, aadObjectId: p.aadObjectId };
}

function personal(p: TeamsSandboxPerson): TeamsConversationAccount {
  return { conversationType: 'personal', tenantId: TEAMS_SANDBOX.tenantId, id: personalConversationId(p) };
}

/** What the person's Teams client says of itself: their locale (`fr-FR`), its country (`FR`), their zone. */
function clientInfo(p: TeamsSandboxPerson): Record<string, unknown> {
  return { type: 'clientInfo', locale: p.locale, country: p.locale.split('-')[1] ?? 'US', platform: 'Web', timezone: p.timezone };
}

/** The common head of what a person does: who, where, when (in UTC and in their own zone). */
function head(p: TeamsSandboxPerson, ctx: ActivityContext) {
  return {
    id: ctx.id,
    timestamp: new Date(ctx.nowMs).toISOString(),
    localTimestamp: localTimestamp(ctx.nowMs, p.timezone),
    localTimezone: p.timezone,
    channelId: 'msteams' as const,
    serviceUrl: ctx.serviceUrl,
    from: from(p),
    recipient: BOT,
    locale: p.locale,
  };
}

/** A message typed in the person's 1:1 chat with the bot; Teams adds the text as HTML too. */
export function personalMessage(p: TeamsSandboxPerson, text: string, ctx: ActivityContext): TeamsActivity {
  return {
    type: 'message',
    ...head(p, ctx),
    conversation: personal(p),
    text,
    textFormat: 'plain',
    attachments: [{ contentType: 'text/html', content: `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>` }],
    entities: [clientInfo(p)],
    channelData: { ...TENANT },
  };
}

/**
 * The person edits (`messageUpdate`, eventType `editMessage`, with the new text) or deletes (`messageDelete`,
 * `softDeleteMessage`) their message `messageId` in their 1:1 chat: the activity's id is the message's own.
 */
export function personalMessageChange(p: TeamsSandboxPerson, change: { readonly kind: 'edit'; readonly text: string } | { readonly kind: 'delete' }, ctx: ActivityContext): TeamsActivity {
  const words = change.kind === 'edit' ? personalMessage(p, change.text, ctx) : undefined;
  return {
    type: change.kind === 'edit' ? 'messageUpdate' : 'messageDelete',
    ...head(p, ctx),
    conversation: personal(p),
    ...(words ? { text: words.text, textFormat: 'plain' as const, attachments: words.attachments } : {}),
    channelData: { ...TENANT, eventType: change.kind === 'edit' ? 'editMessage' : 'softDeleteMessage' },
  };
}

/** `<at>Koji</at> text` in the sandbox team's General channel, a new thread. */
export function channelMention(p: TeamsSandboxPerson, text: string, ctx: ActivityContext): TeamsActivity {
  const mention = `<at>${TEAMS_SANDBOX.botName}</at>`;
  const { team, channel } = TEAMS_SANDBOX;
  return {
    type: 'message',
    ...head(p, ctx),
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TEAMS_SANDBOX.tenantId, id: `${channel.id};messageid=${ctx.id}` },
    text: `${mention} ${text}`,
    textFormat: 'plain',
    attachments: [
      {
        contentType: 'text/html',
        content: `<p><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">${escapeHtml(TEAMS_SANDBOX.botName)}</span> ${escapeHtml(text)}</p>`,
      },
    ],
    entities: [{ type: 'mention', text: mention, mentioned: BOT }, clientInfo(p)],
    channelData: { teamsChannelId: channel.id, teamsTeamId: team.id, channel: { id: channel.id }, team: { id: team.id }, ...TENANT },
  };
}

/** A click on Allow or Decline of a file consent card: an invoke with the card's context and, on Allow, where to upload. */
export function fileConsentInvoke(p: TeamsSandboxPerson, action: 'accept' | 'decline', context: unknown, uploadInfo: unknown, ctx: ActivityContext): TeamsActivity {
  return {
    type: 'invoke',
    name: 'fileConsent/invoke',
    ...head(p, ctx),
    conversation: personal(p),
    value: { type: 'fileUpload', action, context, ...(action === 'accept' ? { uploadInfo } : {}) },
    entities: [clientInfo(p)],
    channelData: { ...TENANT, source: { name: 'message' } },
  };
}

/** An Adaptive Card `Action.Submit` click: a message without text, the action's data as `value`. */
export function cardSubmit(p: TeamsSandboxPerson, value: unknown, replyToId: string | undefined, ctx: ActivityContext): TeamsActivity {
  return {
    type: 'message',
    ...head(p, ctx),
    conversation: personal(p),
    value,
    ...(replyToId !== undefined ? { replyToId } : {}),
    entities: [clientInfo(p)],
    channelData: { ...TENANT, source: { name: 'message' }, ...(replyToId !== undefined ? { legacy: { replyToId } } : {}) },
  };
}

/** The app was added to (`add`) or removed from (`remove`) the person's personal scope. */
export function installationUpdate(p: TeamsSandboxPerson, action: 'add' | 'remove', ctx: ActivityContext): TeamsActivity {
  const conversation = personal(p);
  return {
    type: 'installationUpdate',
    action,
    ...head(p, ctx),
    conversation,
    channelData: { ...TENANT, source: { name: 'message' }, ...(action === 'add' ? { settings: { selectedChannel: { id: conversation.id } } } : {}) },
  };
}

/** After an install: the person and the bot joined the personal conversation. */
export function membersAdded(p: TeamsSandboxPerson, ctx: ActivityContext): TeamsActivity {
  return {
    type: 'conversationUpdate',
    ...head(p, ctx),
    conversation: personal(p),
    membersAdded: [{ id: p.id, aadObjectId: p.aadObjectId }, { id: TEAMS_SANDBOX.botId }],
    channelData: { ...TENANT },
  };
}

/** `2025-01-15T10:30:00.000+01:00`: the instant in the person's zone, as Teams clients report it. */
export function localTimestamp(nowMs: number, timeZone: string): string {
  const zoneName =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(nowMs)).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(zoneName);
  const offsetMinutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  const local = new Date(nowMs + offsetMinutes * 60_000).toISOString().slice(0, -1);
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
