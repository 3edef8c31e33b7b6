import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultPlan } from '../faults';
import type { Database } from 'better-sqlite3';
import { isRecord } from './block-kit-checks';
import { BotEchoes } from './bot-echo';
import type { ChatEffect } from './chat-methods';
import { SandboxInputError, chatPageRoute } from './chat-page';
import { ConversationStore, type SandboxMessage } from './conversation-store';
import { appMentionEvent, blockActionsPayload, botEchoEvent, botEditEvent, deletedEvent, directMessageEvent, eventCallback, personEditEvent } from './inbound-events';
import { slackTextOf } from './slack-ids';
import { TriggerUnreachableError, deliverEvent, deliverInteraction, type TriggerResponse } from './trigger-delivery';
import { FakeSlackWebApi, type SlackApiCall } from './web-api';
import { SandboxFileStore, wireFile } from './file-store';
import { SANDBOX_GENERAL_CHANNEL, SANDBOX_WORKSPACE, dmChannelOf, findPerson, personOfDm, type SandboxPerson } from './workspace';

export interface SlackSandboxOptions {
  /** Where Slack would deliver events and clicks: the app's Slack web trigger (read at each delivery). */
  readonly webTriggerUrl: () => string;
  /** Milliseconds since the epoch; message timestamps and request signatures use it. */
  readonly now?: () => number;
  /** Deliver the bot's own DM posts back to the web trigger, as Slack does (default on). */
  readonly echoBotMessages?: boolean;
  /** Path prefix of the fake Web API (default `/slack/api/`): point WebClient's `slackApiUrl` at `{base}{apiPath}`. */
  readonly apiPath?: string;
  /** Where background problems (an echo not delivered) are reported; default console.warn. */
  readonly log?: (message: string) => void;
  /** The platform's fault plan (its `slack` entries); the sandbox keeps its own when not given. */
  readonly faults?: FaultPlan;
}

/** What a person's message caused: the trigger's answer, and the message's ts and event id. */
export interface SentMessage extends TriggerResponse {
  readonly ts: string;
  readonly eventId: string;
}

/** A file a sandbox person shares from the page or a spec. */
export interface SharedBytes {
  readonly name: string;
  readonly mimetype: string;
  readonly bytes: Buffer;
}

/** Where the platform sends the app's calls to Slack's file host (files.slack.com). */
export const SLACK_FILES_PATH = '/slack/files/';

export interface ClickedButton extends TriggerResponse {
  readonly actionTs: string;
}

/**
 * A Slack workspace on this machine: the Web API the app calls (for the real
 * `@slack/web-api` client), the people who write to the bot, and the page
 * where someone plays them. Everything a person does reaches the app the way
 * Slack would send it: signed, to the web trigger.
 */
export class SlackSandbox {
  readonly apiPath: string;
  private readonly store: ConversationStore;
  private readonly api: FakeSlackWebApi;
  private readonly echoes: BotEchoes;
  private readonly now: () => number;
  /** The recent person events delivered, by event id, for redeliver. */
  private readonly delivered = new Map<string, Record<string, unknown>>();
  /** The files people shared and the app uploaded, served on Slack's file host (`/slack/files/`). */
  readonly files: SandboxFileStore;

  constructor(db: Database, private readonly options: SlackSandboxOptions) {
    this.now = options.now ?? (() => Date.now());
    this.apiPath = normalisePrefix(options.apiPath ?? '/slack/api/');
    this.store = new ConversationStore(db, this.now);
    this.echoes = new BotEchoes(options.log ?? ((message) => console.warn(`[slack sandbox] ${message}`)));
    this.files = new SandboxFileStore(db);
    this.api = new FakeSlackWebApi(this.store, (effect) => this.onEffect(effect), options.faults, this.files);
  }

  /** Every Web API call so far (method, form fields without the token, outcome). */
  get apiCalls(): readonly SlackApiCall[] {
    return this.api.calls;
  }

  clearApiCalls(): void {
    this.api.calls.length = 0;
  }

  /** For `LocalRoutes.extra`: the fake Web API, the chat page and its JSON endpoints; false for anything else. */
  readonly routes = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (url.pathname.startsWith(SLACK_FILES_PATH)) {
      await this.files.serve(req, res, url.pathname.slice(SLACK_FILES_PATH.length));
      return true;
    }
    if (url.pathname.startsWith(this.apiPath)) {
      await this.api.handle(req, res, url.pathname.slice(this.apiPath.length), url.searchParams);
      return true;
    }
    return chatPageRoute(req, res, url, this);
  };

  /**
   * `userId` writes `text` in their DM with the bot, sharing `files` if any: stored, then delivered as a signed
   * `message.im` event (subtype `file_share`, with `files[]`, when files came with it).
   */
  async sendAs(userId: string, text: string, files: readonly SharedBytes[] = [], options: { readonly threadTs?: string } = {}): Promise<SentMessage> {
    const person = this.person(userId);
    if (options.threadTs !== undefined && !this.store.get(dmChannelOf(person.id), options.threadTs)) {
      throw new SandboxInputError(`No message ${options.threadTs} in ${person.realName}'s conversation to reply in the thread of.`);
    }
    const shared = files.map((f) => wireFile(this.files.add(person.id, f.name, f.mimetype, f.bytes)));
    const message = this.store.add({ channel: dmChannelOf(person.id), ts: this.store.nextTs(), user: person.id, text: slackTextOf(text), ...(shared.length > 0 ? { files: shared } : {}) });
    const event = directMessageEvent(message, text, options.threadTs);
    return this.deliverPersonEvent(shared.length > 0 ? { ...event, subtype: 'file_share', files: shared, upload: true } : event, message);
  }

  /** `userId` edits their message `ts` in their DM with the bot to read `text`: a `message_changed` event, as Slack sends one. */
  async editAs(userId: string, ts: string, text: string): Promise<SentMessage> {
    const person = this.person(userId);
    const channel = dmChannelOf(person.id);
    const previous = this.store.get(channel, ts);
    if (!previous || previous.user !== person.id) throw new SandboxInputError(`No message ${ts} of ${person.realName}'s to edit.`);
    const editTs = this.store.nextTs();
    const message = this.store.update(channel, ts, { text: slackTextOf(text), editedTs: editTs }) ?? previous;
    return this.deliverPersonEvent(personEditEvent(message, previous, text, editTs), message);
  }

  /** `userId` deletes their message `ts` in their DM with the bot: a `message_deleted` event. */
  async deleteAs(userId: string, ts: string): Promise<SentMessage> {
    const person = this.person(userId);
    const channel = dmChannelOf(person.id);
    const previous = this.store.get(channel, ts);
    if (!previous || previous.user !== person.id) throw new SandboxInputError(`No message ${ts} of ${person.realName}'s to delete.`);
    this.store.remove(channel, ts);
    return this.deliverPersonEvent(deletedEvent(previous, this.store.nextTs()), previous);
  }

  /** `userId` writes `<@U0KOJIBOT> text` in #general: an `app_mention` event. */
  async mentionInChannel(userId: string, text: string): Promise<SentMessage> {
    const person = this.person(userId);
    const typed = `<@${SANDBOX_WORKSPACE.botUserId}> ${text}`;
    const message = this.store.add({
      channel: SANDBOX_GENERAL_CHANNEL,
      ts: this.store.nextTs(),
      user: person.id,
      text: `<@${SANDBOX_WORKSPACE.botUserId}> ${slackTextOf(text)}`,
    });
    return this.deliverPersonEvent(appMentionEvent(message, typed), message);
  }

  /** `userId` clicks the button `actionId` on the bot's message `messageTs` in their DM: a signed `block_actions` form post. */
  async click(userId: string, messageTs: string, actionId: string): Promise<ClickedButton> {
    const person = this.person(userId);
    const message = this.store.get(dmChannelOf(person.id), messageTs);
    if (!message || message.botId === undefined) throw new SandboxInputError(`No bot message ${messageTs} in ${person.realName}'s conversation.`);
    return this.clickOn(person, message, actionId);
  }

  /**
   * `userId` clicks `actionId` on `shown`, a copy of a bot message as a client
   * that has not caught up with the message's update still shows it (a second
   * device, a slow connection): the click Slack then sends carries that copy.
   */
  async clickAsShown(userId: string, shown: SandboxMessage, actionId: string): Promise<ClickedButton> {
    return this.clickOn(this.person(userId), shown, actionId);
  }

  private async clickOn(person: SandboxPerson, message: SandboxMessage, actionId: string): Promise<ClickedButton> {
    const messageTs = message.ts;
    const found = findButton(message, actionId);
    if (!found) throw new SandboxInputError(`The message ${messageTs} has no button ${actionId}.`);
    const actionTs = this.store.nextTs();
    const payload = blockActionsPayload({ person, message, blockId: found.blockId, button: found.button, actionTs });
    const response = await deliverInteraction(this.triggerUrl(), payload, this.now());
    return { ...response, actionTs };
  }

  /** A person's DM with the bot (or any channel by its id, e.g. `C0GENERAL`), oldest first. */
  conversation(userIdOrChannel: string): SandboxMessage[] {
    return this.store.list(findPerson(userIdOrChannel) ? dmChannelOf(userIdOrChannel) : userIdOrChannel);
  }

  /** The next `times` calls of the Web API `method` answer HTTP 429 with `Retry-After`. */
  rateLimitNext(method: string, times: number, retryAfterSeconds: number): void {
    this.api.rateLimitNext(method, times, retryAfterSeconds);
  }

  /** From now on users.list answers at most `members` a page, whatever limit is asked (as Slack may); undefined lifts it. */
  capUsersListPages(members: number | undefined): void {
    this.api.usersListPageCap = members;
  }

  /** An admin deactivates someone: users.info and users.list report them `deleted` from now on (messaging them is not changed). */
  deactivate(userId: string): void {
    this.api.deactivated.add(userId);
  }

  /** From now on the bot token reports (and has) only these scopes, as a workspace installed from an older manifest. */
  grantScopes(scopes: readonly string[]): void {
    this.api.grantedScopes = [...scopes];
  }

  /** The next call of the Web API `method` answers `{ok: false, error}`. */
  failNext(method: string, error: string): void {
    this.api.failNext(method, error);
  }

  /** Resolves when every bot echo started so far has been delivered (or given up on). */
  whenIdle(): Promise<void> {
    return this.echoes.whenIdle();
  }

  private person(userId: string): SandboxPerson {
    const person = findPerson(userId);
    if (!person) throw new SandboxInputError(`No sandbox person ${userId}.`);
    return person;
  }

  private async deliverPersonEvent(event: Record<string, unknown>, message: SandboxMessage): Promise<SentMessage> {
    const envelope = eventCallback(event, this.now());
    const eventId = String(envelope['event_id']);
    this.delivered.set(eventId, envelope);
    if (this.delivered.size > 100) this.delivered.delete(this.delivered.keys().next().value!);
    const response = await deliverEvent(this.triggerUrl(), envelope, this.now());
    return { ...response, ts: message.ts, eventId };
  }

  /** Delivers a person's event again, the same envelope (same `event_id`), as Slack does when the app was slow to answer. */
  async redeliver(sent: SentMessage): Promise<TriggerResponse> {
    const envelope = this.delivered.get(sent.eventId);
    if (!envelope) throw new SandboxInputError(`No recent event ${sent.eventId} to deliver again.`);
    return deliverEvent(this.triggerUrl(), envelope, this.now());
  }

  private triggerUrl(): string {
    try {
      return this.options.webTriggerUrl();
    } catch (error) {
      throw new TriggerUnreachableError('(unknown)', { cause: error });
    }
  }

  private onEffect(effect: ChatEffect): void {
    if (this.options.echoBotMessages === false || !personOfDm(effect.message.channel)) return;
    const event =
      effect.kind === 'posted'
        ? botEchoEvent(effect.message)
        : effect.kind === 'deleted'
          ? deletedEvent(effect.message, this.store.nextTs())
          : botEditEvent(effect.message, effect.previous ?? effect.message, effect.message.editedTs ?? effect.message.ts);
    this.echoes.schedule(effect.message.channel, () => deliverEvent(this.triggerUrl(), eventCallback(event, this.now()), this.now()));
  }
}

function findButton(message: SandboxMessage, actionId: string): { blockId: string; button: Record<string, unknown> } | undefined {
  for (const block of message.blocks ?? []) {
    if (block['type'] !== 'actions' || !Array.isArray(block['elements'])) continue;
    const button = (block['elements'] as unknown[]).find((e): e is Record<string, unknown> => isRecord(e) && e['action_id'] === actionId);
    if (button) return { blockId: typeof block['block_id'] === 'string' ? block['block_id'] : '', button };
  }
  return undefined;
}

function normalisePrefix(prefix: string): string {
  const withLeading = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}
