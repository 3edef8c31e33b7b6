import { ErrorCode, WebClient, type WebAPICallError } from '@slack/web-api';
import type { ChatGateway, ChatProfile } from '../../app/ports';
import { ChatDeliveryError, ChatRateLimitedError } from '../../domain/errors';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import type { Participant } from '../../domain/participant';
import { renderForSlack, usedCardBlocks } from './slack-blocks';
import type { SlackCard } from './slack-event';

/**
 * A Forge function has 25–55 seconds; the client's default retries for about
 * half an hour. One quick retry for network and 5xx errors, no waiting on 429:
 * a rate-limited message is handed back to be retried later.
 */
export const SLACK_RETRY_POLICY = { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 400 } as const;

/**
 * One client per bot token and API URL, kept across warm invocations: building a
 * WebClient (its request queue, retry policy, headers) costs a relay as much CPU as
 * its whole Slack call. A client holds nothing of a caller's but the token it is
 * keyed by, and on a 429 it rejects without pausing its queue (rejectRateLimitedCalls),
 * so one invocation's rate limit does not hold up the next. A rotated token is a new key.
 */
const clients = new Map<string, WebClient>();
const MAX_CACHED_CLIENTS = 32;

export function slackClient(botToken: string, slackApiUrl?: string): WebClient {
  const key = `${slackApiUrl ?? ''} ${botToken}`;
  let client = clients.get(key);
  if (!client) {
    client = new WebClient(botToken, {
      ...(slackApiUrl ? { slackApiUrl } : {}),
      retryConfig: SLACK_RETRY_POLICY,
      rejectRateLimitedCalls: true,
      timeout: 8000,
      logger: quietLogger,
    });
    // Oldest first out: a process serving many workspaces keeps the recent ones.
    if (clients.size >= MAX_CACHED_CLIENTS) clients.delete(clients.keys().next().value!);
    clients.set(key, client);
  }
  return client;
}

/**
 * Sends to people in one Slack workspace. Messages go to the person's direct
 * message with the bot: Slack resolves a user id given as the channel to that
 * conversation, which saves a `conversations.open` call on every message.
 */
export class SlackChatGateway implements ChatGateway {
  /** Names asked for within one invocation (a forward names the same people several times). */
  private readonly profiles = new Map<string, Promise<ChatProfile>>();

  constructor(private readonly client: WebClient) {}

  async send(to: Participant, message: OutgoingMessage): Promise<void> {
    const post = renderForSlack(message);
    try {
      await this.client.chat.postMessage({
        channel: to.userId,
        text: post.text,
        ...(post.blocks ? { blocks: [...post.blocks] } : {}),
        ...(post.username ? { username: post.username } : {}),
      });
    } catch (error) {
      throw deliveryError(error, `Slack did not deliver the message to ${to.userId}`);
    }
  }

  /** Replaces a clicked card with its content, no buttons, and `note` (chat.update: only the bot's own messages). */
  async markCardUsed(card: SlackCard, note: string): Promise<void> {
    try {
      // Spread in as postMessage's blocks are: Block Kit as plain records, which the client's block union does not name.
      const blocks = usedCardBlocks(card.blocks, note);
      await this.client.chat.update({ channel: card.channel, ts: card.ts, text: card.text || note, ...{ blocks } });
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
      const { user } = await this.client.users.info({ user: participant.userId });
      const profile = user?.profile;
      const displayName = profile?.display_name || profile?.real_name || user?.real_name || user?.name || participant.userId;
      return { displayName, email: profile?.email };
    } catch (error) {
      throw deliveryError(error, `Slack did not tell who ${participant.userId} is`);
    }
  }
}

function deliveryError(error: unknown, what: string): ChatDeliveryError {
  const e = error as WebAPICallError & { retryAfter?: number; data?: { error?: string } };
  if (e.code === ErrorCode.RateLimitedError) return new ChatRateLimitedError(e.retryAfter ?? 1, { cause: error });
  const reason = e.code === ErrorCode.PlatformError ? (e.data?.error ?? 'unknown error') : e.message;
  return new ChatDeliveryError(`${what}: ${reason}.`, { cause: error });
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
