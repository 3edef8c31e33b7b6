import { isLocale } from '../../domain/language';
import { WebClient } from '@slack/web-api';
import { deliveryError } from './slack-delivery-errors';
export { deliveryError, isSlackTokenRefused } from './slack-delivery-errors';
import type { ChatGateway, ChatProfile, SentCard, SentLine } from '../../app/ports';
import { ChatDeliveryError } from '../../domain/errors';
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
 * How far after a line's time its copy is looked for, and among how many messages: a relay posts within
 * seconds, a backlog within its retry window (delivery/timing.ts RETRY_WINDOW_MS, 10 minutes).
 */
const COPY_WINDOW_S = 15 * 60;
const COPY_LOOK_LIMIT = 100;

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

  /** Deletes a message the bot posted (`sent`, from send: chat.delete, only the bot's own). */
  async remove(to: Participant, sent: SentCard): Promise<void> {
    const where = slackMessageOf(sent);
    if (!where) throw new ChatDeliveryError(`Koji does not know which Slack message to delete for ${to.userId}.`);
    try {
      await this.poster.chat.delete({ channel: where.channel, ts: where.ts });
    } catch (error) {
      throw deliveryError(error, `Slack did not delete the message ${where.ts}`);
    }
  }

  /**
   * The copy of a relayed line in the person's DM with the bot (edits/relayed-copy.ts): the bot's post whose
   * metadata names the line, among those within COPY_WINDOW_S after the line's time (conversations.open for the
   * DM's id, then one conversations.history call of at most COPY_LOOK_LIMIT messages). Undefined when it is not among them.
   */
  async findCopy(to: Participant, sent: SentLine): Promise<SentCard | undefined> {
    const opened = await this.client.conversations.open({ users: to.userId });
    const channel = opened.channel?.id;
    if (!channel) return undefined;
    const since = Math.floor(sent.since / 1000);
    const history = await this.client.conversations.history({
      channel,
      oldest: String(Math.max(0, since - 60)),
      latest: String(since + COPY_WINDOW_S),
      inclusive: true,
      limit: COPY_LOOK_LIMIT,
      include_all_metadata: true,
    });
    const copy = (history.messages ?? []).find((m) => isRelayOf(m, sent.lineId));
    return copy ? slackSentCard({ channel, ts: copy.ts }) : undefined;
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

const quietLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => 'error' as never,
  setName: () => undefined,
};
