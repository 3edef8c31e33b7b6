import { isLocale } from '../../domain/language';
import type { IncomingChatMessage } from '../../app/conversation/incoming-message';
import { cardAction } from './teams-card-actions';
export { CARD_LEAD_LIMIT, cardActionData } from './teams-card-actions';
import { isSafeLink, type AttachmentRef } from '../../domain/transcript';
import { wellFormed } from '../../domain/text';
import { readTeamsText, type TeamsMention } from './teams-text';
import { isOnServiceUrl, isTeamsFileHost } from './teams-file-hosts';
import { narrowConsentInvoke, type NarrowedConsent } from './teams-consent-activity';
import { narrowTeamsEdit, teamsMessageId, type NarrowedTeamsEdit } from './teams-edit-activity';
import { boundedString, isRecord, isServiceUrl, isTeamsId, isTenantId, isToken, MAX_BODY_CHARS, TEAMS_ID_WEIGHT } from '../chat/payload-checks';

/** What the app keeps to message a Teams person later: the Bot Framework "conversation reference". */
export interface TeamsConversationReference {
  readonly tenantId: string;
  readonly userId: string;
  readonly aadObjectId?: string | undefined;
  readonly name: string;
  readonly serviceUrl: string;
  readonly conversationId: string;
  readonly botId: string;
  /** When it was last written (epoch ms): it is kept a year from then, written again a month on (teams-tenants.ts). */
  readonly keptAt?: number | undefined;
}

/** An activity, checked only for what the app reads. */
export interface TeamsActivity {
  readonly type: string;
  readonly id: string;
  readonly channelId: string;
  readonly serviceUrl: string;
  readonly timestamp?: string | undefined;
  readonly tenantId: string;
  readonly from: { readonly id: string; readonly name?: string | undefined; readonly aadObjectId?: string | undefined };
  readonly recipient: { readonly id: string; readonly name?: string | undefined };
  readonly conversation: { readonly id: string; readonly conversationType?: string | undefined };
  readonly raw: Record<string, unknown>;
}

export type ParsedActivity = { readonly ok: true; readonly activity: TeamsActivity } | { readonly ok: false; readonly reason: string };

/**
 * The bot's card an Action.Submit came from: where it is (the submit's
 * `replyToId` is the card's activity id) and the lead line its buttons carry,
 * since Teams sends back the button's data, never the card.
 */
export interface TeamsCard {
  readonly serviceUrl: string;
  readonly conversationId: string;
  readonly activityId: string;
  readonly lead?: string | undefined;
}

export type NarrowedActivity =
  | {
      readonly kind: 'message';
      readonly message: IncomingChatMessage;
      readonly reference?: TeamsConversationReference | undefined;
      readonly card?: TeamsCard | undefined;
    }
  | { readonly kind: 'installed'; readonly reference: TeamsConversationReference }
  | { readonly kind: 'uninstalled'; readonly tenantId: string; readonly userId: string }
  /**
   * The app left a team or a group chat (removed by `userId`): only that
   * conversation is gone. Whoever removed it keeps their personal chat with
   * the bot, and their shift.
   */
  | { readonly kind: 'removed-from-conversation'; readonly tenantId: string; readonly userId: string; readonly conversationId: string }
  | NarrowedTeamsEdit
  | NarrowedConsent;

export function parseTeamsActivity(rawBody: string): ParsedActivity {
  if (rawBody.length > MAX_BODY_CHARS) return { ok: false, reason: 'The body is larger than any activity.' };
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { ok: false, reason: 'The body is not JSON.' };
  }
  if (!isRecord(body)) return { ok: false, reason: 'The body is not an activity.' };
  const from = body['from'];
  const recipient = body['recipient'];
  const conversation = body['conversation'];
  const channelData = isRecord(body['channelData']) ? body['channelData'] : {};
  const tenant = isRecord(channelData['tenant']) ? channelData['tenant'] : {};
  const tenantId = (isRecord(conversation) ? conversation['tenantId'] : undefined) ?? tenant['id'];
  // Every id here ends up in a storage key or an outbound URL: type, length and charset are checked first.
  if (
    !isToken(body['type'], 64) ||
    !isTeamsId(body['id'], TEAMS_ID_WEIGHT.activity) ||
    !isToken(body['channelId'], 64) ||
    !isServiceUrl(body['serviceUrl']) ||
    !isRecord(from) ||
    !isTeamsId(from['id'], TEAMS_ID_WEIGHT.account) ||
    !isRecord(recipient) ||
    !isTeamsId(recipient['id'], TEAMS_ID_WEIGHT.account) ||
    !isRecord(conversation) ||
    !isTeamsId(conversation['id'], TEAMS_ID_WEIGHT.conversation) ||
    !isTenantId(tenantId)
  ) {
    return { ok: false, reason: 'The activity lacks a well-formed type, id, channelId, serviceUrl, from, recipient, conversation or tenant.' };
  }
  return {
    ok: true,
    activity: {
      type: body['type'],
      id: body['id'],
      channelId: body['channelId'],
      serviceUrl: body['serviceUrl'],
      timestamp: boundedString(body['timestamp'], 64),
      tenantId,
      from: { id: from['id'], name: wellFormedOrUndefined(boundedString(from['name'], 256)), aadObjectId: isTenantId(from['aadObjectId']) ? from['aadObjectId'] : undefined },
      recipient: { id: recipient['id'], name: boundedString(recipient['name'], 256) },
      conversation: { id: conversation['id'], conversationType: boundedString(conversation['conversationType'], 64) },
      raw: body,
    },
  };
}

/**
 * Turns an activity into what the core or the reference store needs: a
 * person's message (personal chat, or a group/channel message that mentions
 * the bot, without the mention), a card button, an install, an uninstall, or
 * nothing (typing, reactions, edits, the bot's own activities).
 */
export function narrowTeamsActivity(activity: TeamsActivity, projectId: string): NarrowedActivity {
  if (activity.from.id === activity.recipient.id) return { kind: 'ignored', reason: 'the bot itself' };
  const reference = referenceOf(activity);
  const raw = activity.raw;
  if (activity.type === 'installationUpdate') {
    const action = str(raw['action']) ?? '';
    if (action.startsWith('remove')) return removed(activity);
    return isPersonal(activity) ? { kind: 'installed', reference } : { kind: 'ignored', reason: 'installed in a team' };
  }
  if (activity.type === 'conversationUpdate') {
    const added = Array.isArray(raw['membersAdded']) ? raw['membersAdded'] : [];
    const removedMembers = Array.isArray(raw['membersRemoved']) ? raw['membersRemoved'] : [];
    if (removedMembers.some((m) => isRecord(m) && m['id'] === activity.recipient.id)) return removed(activity);
    if (isPersonal(activity) && added.some((m) => isRecord(m) && m['id'] === activity.recipient.id)) return { kind: 'installed', reference };
    return { kind: 'ignored', reason: 'conversation update' };
  }
  if (activity.type === 'invoke' && isPersonal(activity)) return narrowConsentInvoke(raw, { tenantId: activity.tenantId, userId: activity.from.id });
  if (activity.type === 'messageUpdate' || activity.type === 'messageDelete') return narrowTeamsEdit(activity, projectId, isPersonal(activity));
  if (activity.type !== 'message') return { kind: 'ignored', reason: `activity type ${activity.type}` };

  const value = raw['value'];
  const action = isRecord(value) ? cardAction(value) : undefined;
  // Teams caps a message at about 28 KB; a longer text is not one a person sent.
  const rawText = boundedString(raw['text'], 40_000) ?? '';
  if (!isPersonal(activity) && !action && !mentionsBot(activity)) return { kind: 'ignored', reason: 'not addressed to the bot' };
  const read = readTeamsText(rawText, { plain: raw['textFormat'] === 'plain', mentions: mentionsOf(activity) });
  // Half an emoji (or an entity naming one) would break every encoder after this point.
  const text = wellFormed(read.text);
  const { links } = read;
  if (!action && text.length === 0 && filesOf(raw['attachments'], activity.serviceUrl) === undefined) return { kind: 'ignored', reason: 'empty message' };
  const sentAt = activity.timestamp ? Date.parse(activity.timestamp) : Number.NaN;
  // Teams says the sender's locale with every activity: Koji's language for them, without a look-up. Anything
  // that is not a well-formed tag is dropped (the project's default language then applies).
  const locale = isLocale(raw['locale']) ? raw['locale'] : undefined;
  return {
    kind: 'message',
    // Teams activity ids are unique within a conversation only.
    message: {
      id: teamsMessageId(activity.conversation.id, activity.id),
      projectId,
      from: { channel: 'teams', tenantId: activity.tenantId, userId: activity.from.id },
      senderName: activity.from.name,
      text: action ? '' : text,
      ...(!action && links.length > 0 ? { links } : {}),
      sentAt: Number.isFinite(sentAt) ? sentAt : 0,
      attachments: filesOf(raw['attachments'], activity.serviceUrl),
      ...(action ? { action: { kind: action.kind, value: action.value }, conversationId: action.conversationId } : {}),
      ...(locale ? { locale } : {}),
    },
    reference: isPersonal(activity) ? reference : undefined,
    card: action ? cardOf(activity, action.lead) : undefined,
  };
}

/**
 * The app was removed from a conversation. Only the personal scope is the
 * person's own uninstall, which ends their shift and their conversations; a
 * team or group chat is where someone else may have removed it, and the
 * person still has Koji in their personal chat.
 */
function removed(activity: TeamsActivity): NarrowedActivity {
  if (isPersonal(activity)) return { kind: 'uninstalled', tenantId: activity.tenantId, userId: activity.from.id };
  return { kind: 'removed-from-conversation', tenantId: activity.tenantId, userId: activity.from.id, conversationId: activity.conversation.id };
}

function cardOf(activity: TeamsActivity, lead: string | undefined): TeamsCard | undefined {
  const channelData = activity.raw['channelData'];
  const legacy = isRecord(channelData) && isRecord(channelData['legacy']) ? channelData['legacy'] : {};
  const replyToId = activity.raw['replyToId'] ?? legacy['replyToId'];
  // The card's id goes into the update URL: only a well-formed one is used; a card left unmarked is harmless.
  if (!isTeamsId(replyToId, TEAMS_ID_WEIGHT.activity)) return undefined;
  const activityId = replyToId;
  return { serviceUrl: activity.serviceUrl, conversationId: activity.conversation.id, activityId, lead };
}

function referenceOf(activity: TeamsActivity): TeamsConversationReference {
  return {
    tenantId: activity.tenantId,
    userId: activity.from.id,
    aadObjectId: activity.from.aadObjectId,
    name: activity.from.name ?? activity.from.id,
    serviceUrl: activity.serviceUrl,
    conversationId: activity.conversation.id,
    botId: activity.recipient.id,
  };
}

function isPersonal(activity: TeamsActivity): boolean {
  return (activity.conversation.conversationType ?? 'personal') === 'personal';
}

function mentionsBot(activity: TeamsActivity): boolean {
  const entities = activity.raw['entities'];
  return Array.isArray(entities) && entities.some((e) => isRecord(e) && e['type'] === 'mention' && isRecord(e['mentioned']) && e['mentioned']['id'] === activity.recipient.id);
}

/** The mentions Teams lists for the message, the bot's first so its own is dropped before anyone else's is named. */
function mentionsOf(activity: TeamsActivity): TeamsMention[] {
  const entities = Array.isArray(activity.raw['entities']) ? activity.raw['entities'].slice(0, 50) : [];
  const mentions = entities.filter(isRecord).flatMap((e): TeamsMention[] => {
    const text = boundedString(e['text'], 512);
    const mentioned = isRecord(e['mentioned']) ? e['mentioned'] : undefined;
    if (e['type'] !== 'mention' || !text || !mentioned) return [];
    const isBot = mentioned['id'] === activity.recipient.id;
    const name = boundedString(mentioned['name'], 256) ?? text.replace(/<[^>]*>/g, '');
    return [{ text, name, isBot }];
  });
  return [...mentions.filter((m) => m.isBot), ...mentions.filter((m) => !m.isBot)];
}

const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/**
 * Files a person shared: a file in personal chat (`file.download.info`, kept in OneDrive) or a pasted picture
 * (`image/*`, on the Bot Connector at the activity's service URL). Each keeps where the app may download it only
 * when that is one of those two places (teams-file-hosts.ts); anything else stays a link.
 */
function filesOf(attachments: unknown, serviceUrl: string): AttachmentRef[] | undefined {
  if (!Array.isArray(attachments)) return undefined;
  const files = attachments
    .slice(0, 10)
    .filter(isRecord)
    .flatMap((a): AttachmentRef[] => {
      const type = str(a['contentType'])?.toLowerCase() ?? '';
      const content = isRecord(a['content']) ? a['content'] : {};
      const url = boundedString(a['contentUrl'], 2048) ?? '';
      const name = wellFormed(boundedString(a['name'], 256) ?? 'file');
      if (type === FILE_DOWNLOAD_INFO) {
        const download = URL.parse(boundedString(content['downloadUrl'], 4096) ?? '');
        return [{ name, url, ...(download && isTeamsFileHost(download) ? { download: download.href } : {}) }];
      }
      // Teams sends a pasted picture as `image/*`: its type is the one its download answers with (teams-files.ts).
      if (!/^image\/(\*|[a-z0-9.+-]{1,40})$/.test(type)) return [];
      const at = URL.parse(url);
      return [{ name: name === 'file' ? `picture${type === 'image/*' ? '' : `.${type.slice(6).replace(/\W.*$/, '')}`}` : name, url, mimeType: type, ...(at && isOnServiceUrl(at, serviceUrl) ? { download: at.href } : {}) }];
    })
    // Only https links are kept: a link ends up as an href in the issue panel and the ticket.
    .filter((f) => isSafeLink(f.url) || f.download !== undefined);
  return files.length > 0 ? files : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export { isRecord };

function wellFormedOrUndefined(text: string | undefined): string | undefined {
  return text === undefined ? undefined : wellFormed(text);
}
