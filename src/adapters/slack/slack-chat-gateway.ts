import { isLocale } from '../../domain/language';
import { ErrorCode, WebClient, type WebAPICallError } from '@slack/web-api';
import type { ChatGateway, ChatProfile, SentCard, SentLine } from '../../app/ports';
import { ChatDeliveryError, ChatRateLimitedError, ChatRecipientUnreachableError, ChatTransientError } from '../../domain/errors';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import { wellFormed } from '../../domain/text';
import type { Participant } from '../../domain/participant';
import { renderForSlack, usedCardBlocks } from './slack-blocks';
import type { SlackCard } from './slack-event';
import { slackMessageOf, slackSentCard } from './slack-sent-card';
import { followUpTicketOf, isRelayOf, metadataOf } from './slack-metadata';
import { fetchKeepingCause } from './slack-fetch';
import { SlackPoster, type SlackPostClient } from './slack-poster';

export { fetchKeepingCause } from './slack-fetch';

/**
 * A Forge function has 25–55 seconds; the client's default retries for about
 * half an hour. One quick retry for network and 5xx errors, no waiting on 429:
 * a rate-limited message is handed back to be retried later.
 */
export const SLACK_RETRY_POLICY = { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 400 } as const;

/**
 * How long a Web API call may take. `inline`: inside the Slack web trigger,
 * which must answer Slack within 3 seconds (Slack retries, and disables apps
 * that keep failing): one try of at most 2 s, and a failure goes to the queue
 * (app/backlog/). `queued`: anywhere else (queue jobs, the sweep, the
 * backoffice), 10 s and one quick retry.
 */
export type SlackCallBudget = 'inline' | 'queued' | 'queued-post';

/**
 * `queued-post`: posting never retries inside the client: a 5xx or timeout may
 * come after Slack posted, and only the backlog's check (message metadata) can
 * tell. Reads (users.info, conversations.history) keep their quick retry.
 */
const BUDGETS: Record<SlackCallBudget, { readonly timeout: number; readonly retryConfig: typeof SLACK_RETRY_POLICY | { retries: 0 } }> = {
  inline: { timeout: 2000, retryConfig: { retries: 0 } },
  queued: { timeout: 10_000, retryConfig: SLACK_RETRY_POLICY },
  'queued-post': { timeout: 10_000, retryConfig: { retries: 0 } },
};

/**
 * One client per bot token and API URL, kept across warm invocations: building a
 * WebClient (its request queue, retry policy, headers) costs a relay as much CPU as
 * its whole Slack call. A client holds nothing of a caller's but the token it is
 * keyed by, and on a 429 it rejects without pausing its queue (rejectRateLimitedCalls),
 * so one invocation's rate limit does not hold up the next. A rotated token is a new key.
 */
const clients = new Map<string, WebClient>();
const posters = new Map<string, SlackPoster>();
const MAX_CACHED_CLIENTS = 32;

export function slackClient(botToken: string, slackApiUrl?: string, budget: SlackCallBudget = 'queued'): WebClient {
  return kept(clients, `${budget} ${slackApiUrl ?? ''} ${botToken}`, () =>
    new WebClient(botToken, {
      ...(slackApiUrl ? { slackApiUrl } : {}),
      retryConfig: BUDGETS[budget].retryConfig,
      rejectRateLimitedCalls: true,
      timeout: BUDGETS[budget].timeout,
      fetch: fetchKeepingCause,
      logger: quietLogger,
    }),
  );
}

/** The client a gateway posts with: a SlackPoster, which never retries on its own (see SlackPoster), within the budget's time. */
export function slackPoster(botToken: string, budget: Exclude<SlackCallBudget, 'queued'>, slackApiUrl?: string): SlackPoster {
  return kept(posters, `${budget} ${slackApiUrl ?? ''} ${botToken}`, () => new SlackPoster(botToken, BUDGETS[budget].timeout, slackApiUrl));
}

function kept<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    // Oldest first out: a process serving many workspaces keeps the recent ones.
    if (cache.size >= MAX_CACHED_CLIENTS) cache.delete(cache.keys().next().value!);
    cache.set(key, value);
  }
  return value;
}

/**
 * Sends to people in one Slack workspace. Messages go to the person's direct
 * message with the bot: Slack resolves a user id given as the channel to that
 * conversation, which saves a `conversations.open` call on every message.
 */
export class SlackChatGateway implements ChatGateway {
  /** Names asked for within one invocation (a forward names the same people several times). */
  private readonly profiles = new Map<string, Promise<ChatProfile>>();

  /** `poster`: the client for chat.postMessage and chat.update (one that never retries on its own); the reader's by default. */
  constructor(
    private readonly client: WebClient,
    private readonly poster: SlackPostClient = client,
  ) {}

  /** Answers where the post went (its DM and ts), so it can be replaced later; nothing when Slack's answer does not say. */
  async send(to: Participant, message: OutgoingMessage): Promise<SentCard | void> {
    const post = renderForSlack(message);
    try {
      const posted = await this.poster.chat.postMessage({
        channel: to.userId,
        text: post.text,
        ...(post.blocks ? { blocks: [...post.blocks] } : {}),
        ...(post.username ? { username: post.username } : {}),
        ...metadataOf(message),
      });
      return slackSentCard(posted);
    } catch (error) {
      throw deliveryError(error, `Slack did not deliver the message to ${to.userId}`);
    }
  }

  /**
   * Replaces a message the bot posted (`sent`, from send) with `message`, rendered as send renders it: a notice
   * without buttons leaves nothing to click (chat.update). A ref that names no Slack message is a ChatDeliveryError.
   */
  async replace(to: Participant, sent: SentCard, message: OutgoingMessage): Promise<void> {
    const where = slackMessageOf(sent);
    if (!where) throw new ChatDeliveryError(`Koji does not know which Slack message to update for ${to.userId}.`);
    const post = renderForSlack(message);
    try {
      await this.poster.chat.update({ channel: where.channel, ts: where.ts, text: post.text, ...(post.blocks ? { blocks: [...post.blocks] } : {}) });
    } catch (error) {
      throw deliveryError(error, `Slack did not update the message ${where.ts}`);
    }
  }

  /**
   * Whether a relayed line is in the person's DM with the bot after all: the
   * metadata of the bot's recent posts there (conversations.history, within
   * the im:history scope the app already has). Undefined when Slack can't be
   * asked: the caller then says the message may not have arrived.
   */
  async delivered(to: Participant, sent: SentLine): Promise<boolean | undefined> {
    try {
      const opened = await this.client.conversations.open({ users: to.userId });
      const channel = opened.channel?.id;
      if (!channel) return undefined;
      // A minute of slack for clocks: the line's time is the sender's, the post came after it.
      const oldest = String(Math.max(0, Math.floor(sent.since / 1000) - 60));
      const history = await this.client.conversations.history({ channel, oldest, limit: 200, include_all_metadata: true });
      return (history.messages ?? []).some((m) => isRelayOf(m, sent.lineId));
    } catch {
      return undefined;
    }
  }

  /**
   * The ticket a thread in the person's DM with the bot follows up on: its parent's `koji_ticket_follow_up` metadata
   * (conversations.history at the thread's ts). Undefined when the parent is no follow-up, or Slack can't be asked.
   */
  async threadTicket(to: Participant, threadTs: string): Promise<string | undefined> {
    try {
      const opened = await this.client.conversations.open({ users: to.userId });
      const channel = opened.channel?.id;
      if (!channel) return undefined;
      const history = await this.client.conversations.history({ channel, latest: threadTs, inclusive: true, limit: 1, include_all_metadata: true });
      const parent = history.messages?.[0];
      return parent?.ts === threadTs ? followUpTicketOf(parent) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Replaces a clicked card with its content, no buttons, and `note` (chat.update: only the bot's own messages). */
  async markCardUsed(card: SlackCard, note: string): Promise<void> {
    try {
      // Spread in as postMessage's blocks are: Block Kit as plain records, which the client's block union does not name.
      const blocks = usedCardBlocks(card.blocks, note);
      await this.poster.chat.update({ channel: card.channel, ts: card.ts, text: card.text || note, ...{ blocks } });
    } catch (error) {
      throw deliveryError(error, `Slack did not update the message ${card.ts}`);
    }
  }

  profile(participant: Participant): Promise<ChatProfile> {
    let profile = this.profiles.get(participant.userId);
    if (!profile) {
      profile = this.lookUp(participant);
      this.profiles.set(participant.userId, profile);
      profile.catch(() => this.profiles.delete(participant.userId));
    }
    return profile;
  }

  private async lookUp(participant: Participant): Promise<ChatProfile> {
    try {
      // `include_locale`: the person's Slack language, which picks Koji's (kept a month: person-language.ts).
      const { user } = await this.client.users.info({ user: participant.userId, include_locale: true });
      const profile = user?.profile;
      const displayName = profile?.display_name || profile?.real_name || user?.real_name || user?.name || participant.userId;
      // A name is shown to others and written into tickets: half an emoji in it would break every encoder after.
      return { displayName: wellFormed(displayName), email: profile?.email, ...(isLocale(user?.locale) ? { locale: user.locale } : {}) };
    } catch (error) {
      throw deliveryError(error, `Slack did not tell who ${participant.userId} is`);
    }
  }
}

/**
 * Slack's answers that mean this person can't be reached by the bot, however
 * often it tries: they were deactivated, the DM is gone or archived, the bot
 * was removed from it. (`account_inactive` is also what a deleted workspace or
 * bot user gives: then everyone in it is unreachable, which is what it says.)
 */
const PERSON_UNREACHABLE = new Set([
  'account_inactive',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_disabled',
  'user_not_found',
  'users_not_found',
  'cannot_dm_bot',
  'messages_tab_disabled',
]);

/**
 * Slack's answers that mean the workspace's bot token itself is refused: no
 * one in the workspace can be reached until an admin connects it again. The
 * person is unreachable as much as for the reasons above, and the workspace's
 * status says why (see isSlackTokenRefused).
 */
const TOKEN_REFUSED = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'no_permission', 'missing_scope', 'team_access_not_granted', 'ekm_access_denied']);

/** Whether an unreachable person's `reason` is the workspace's token, not the person. */
export function isSlackTokenRefused(reason: string): boolean {
  return TOKEN_REFUSED.has(reason);
}

/** Network failures that happen before the request leaves: Slack has certainly not seen the message. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * What a failed Web API call means for the message: wait and send it again
 * (429), try again soon (5xx, timeout, reset: `uncertain` when Slack may have
 * posted it before the failure), give up on this person (see
 * PERSON_UNREACHABLE, TOKEN_REFUSED), or a plain failure for anything else.
 */
export function deliveryError(error: unknown, what: string): ChatDeliveryError {
  const e = error as Partial<WebAPICallError> & { retryAfter?: number; data?: { error?: string }; statusCode?: number; original?: unknown };
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return new ChatRateLimitedError(e.retryAfter ?? 1, { cause: error });
    case ErrorCode.PlatformError: {
      const reason = e.data?.error ?? 'unknown error';
      if (PERSON_UNREACHABLE.has(reason) || TOKEN_REFUSED.has(reason)) {
        return new ChatRecipientUnreachableError(`${what}: ${reason}.`, reason, { cause: error });
      }
      return new ChatDeliveryError(`${what}: ${reason}.`, { cause: error });
    }
    case ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      // 502 and 503 come from Slack's edge before the API ran; a 500 or 504 may come after it posted.
      if (status >= 500) return new ChatTransientError(`${what}: Slack answered ${status}.`, status !== 502 && status !== 503, { cause: error });
      return new ChatDeliveryError(`${what}: Slack answered ${status}.`, { cause: error });
    }
    case ErrorCode.RequestError: {
      const code = networkCode(e.original);
      const sent = code === undefined || !NOT_SENT.has(code);
      return new ChatTransientError(`${what}: Slack could not be reached (${code ?? 'no answer'}).`, sent, { cause: error });
    }
    default:
      return new ChatDeliveryError(`${what}: ${e.message ?? String(error)}.`, { cause: error });
  }
}

/** The code fetchKeepingCause put on a network failure. */
function networkCode(original: unknown): string | undefined {
  const code = (original as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

const quietLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => 'error' as never,
  setName: () => undefined,
};
