import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from 'better-sqlite3';
import { sendJson } from '../slack/http-io';
import type { TriggerResponse } from '../slack/trigger-delivery';
import { TriggerUnreachableError } from '../slack/trigger-delivery';
import {
  cardSubmit,
  channelMention,
  fileConsentInvoke,
  installationUpdate,
  membersAdded,
  newEventActivityId,
  personalMessage,
  personalMessageChange,
  type ActivityContext,
  type TeamsActivity,
} from './activities';
import { submitActions } from './adaptive-cards';
import { TeamsSandboxInputError, teamsChatPageRoute } from './chat-page';
import { FakeBotConnector, type TeamsApiCall } from './connector';
import { TeamsConversationStore, type TeamsSandboxMessage } from './conversation-store';
import { deliverActivity } from './delivery';
import { FailureInjector, type Misbehaviour, type TeamsOperation } from './failures';
import type { Fault, FaultPlan } from '../faults';
import { BOT_FRAMEWORK_ISSUER, inboundToken, type TokenVariant } from './inbound-auth';
import { SandboxKeys } from './keys';
import { FakeOneDrive } from './onedrive';
import { PastedPictures, fileAttachments, type TeamsSharedFile } from './shared-files';
import { FakeEntraLogin } from './login';
import { TEAMS_SANDBOX, channelOf, findTeamsPerson, personOfConversation, personalConversationId, type TeamsPersonRef, type TeamsSandboxPerson } from './tenant';

const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';

/** Where the sandbox answers, under the platform's base URL. */
export const TEAMS_PATHS = {
  /** `{login}{tenant}/oauth2/v2.0/token`: Entra's token endpoint. */
  login: '/teams/login/',
  openIdMetadata: '/teams/botframework/v1/.well-known/openidconfiguration',
  jwks: '/teams/botframework/v1/.well-known/keys',
  /** The serviceUrl of every activity: the Bot Connector (`v3/conversations…`). */
  connector: '/teams/connector/',
} as const;

export interface TeamsSandboxOptions {
  /** Where Teams delivers activities: the app's Teams web trigger (read at each delivery). */
  readonly webTriggerUrl: () => string;
  /**
   * Where the sandbox's own routes are reached from the app, e.g.
   * `http://localhost:8080` (read at each use): the serviceUrl, the token
   * endpoint and the JWKS are under it.
   */
  readonly baseUrl: () => string;
  /** Milliseconds since the epoch: activity timestamps, message ids, token lifetimes. */
  readonly now?: () => number;
  /** The platform's fault plan (its `teams` entries); the sandbox keeps its own when not given. */
  readonly faults?: FaultPlan;
}

/** The URLs to configure the app with. */
export interface TeamsSandboxEndpoints {
  /** The Bot Connector, as activities carry it in `serviceUrl` (ends with `/`). */
  readonly serviceUrl: string;
  /** The bot's token endpoint for the sandbox tenant. */
  readonly tokenUrl: string;
  /** The login authority: `{loginUrl}{tenant}/oauth2/v2.0/token` (what login.microsoftonline.com/ is in production). */
  readonly loginUrl: string;
  /** The Bot Framework OpenID metadata for inbound tokens (what login.botframework.com/v1/.well-known/openidconfiguration is). */
  readonly openIdMetadataUrl: string;
  readonly jwksUrl: string;
}

/** What Teams' delivery of one activity got from the web trigger. */
export interface TeamsDelivery extends TriggerResponse {
  readonly activityId: string;
}

export interface TeamsInstall {
  readonly conversationId: string;
  readonly installationUpdate: TeamsDelivery;
  readonly conversationUpdate: TeamsDelivery;
}

export interface DeliveryOptions {
  /** The Authorization to send (default `valid`); see `TokenVariant`. */
  readonly token?: TokenVariant;
  /**
   * The bot the activity is for (default the sandbox's own): its `recipient`
   * and the token's `aud`. `TEAMS_SANDBOX.secondBot` is the other bot of the tenant.
   */
  readonly bot?: SandboxBot;
}

/** An Azure Bot of the sandbox tenant, as activities address it. */
export interface SandboxBot {
  readonly appId: string;
  readonly botId: string;
  readonly botName: string;
}

/** What `activityFor` builds: a personal message (a string), or one of these. */
export type ActivityInput =
  | string
  | { readonly kind: 'message'; readonly text: string }
  | { readonly kind: 'mention'; readonly text: string }
  | { readonly kind: 'submit'; readonly value: unknown; readonly replyToId?: string | undefined }
  | { readonly kind: 'install' }
  | { readonly kind: 'membersAdded' }
  | { readonly kind: 'uninstall' };

/**
 * A Microsoft 365 tenant with Teams on this machine, playing Microsoft for the
 * app: Entra's token endpoint, the Bot Framework OpenID metadata and keys, the
 * Bot Connector the bot answers through, the people who write to the bot, and
 * the page where someone plays them. Everything a person does reaches the app
 * as Teams would send it: an activity with a Bot Connector JWT, to the web trigger.
 */
export class TeamsSandbox {
  private readonly store: TeamsConversationStore;
  private readonly failures: FailureInjector;
  private readonly login: FakeEntraLogin;
  private readonly connector: FakeBotConnector;
  private readonly now: () => number;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly keys: Promise<SandboxKeys>;
  private jwksFetches = 0;
  /** The tenant's OneDrive, where the bot uploads a file a person allowed through a file consent card. */
  readonly oneDrive = new FakeOneDrive();
  /** Pictures people paste into their messages, on the Bot Connector (served with the bot's token only). */
  readonly pastedPictures: PastedPictures;

  constructor(
    db: Database,
    private readonly options: TeamsSandboxOptions,
  ) {
    this.now = options.now ?? (() => Date.now());
    this.keys = SandboxKeys.create();
    // Failures surface where the keys are used; this only keeps Node from calling them unhandled meanwhile.
    this.keys.catch(() => undefined);
    this.store = new TeamsConversationStore(db, this.now);
    this.failures = new FailureInjector(options.faults);
    this.login = new FakeEntraLogin(() => this.keys, this.now, this.failures);
    this.pastedPictures = new PastedPictures((authorization) => this.login.verify(authorization));
    this.connector = new FakeBotConnector(this.store, this.login, this.failures, () => this.serviceUrl, this.now);
  }

  get endpoints(): TeamsSandboxEndpoints {
    const base = this.base();
    return {
      serviceUrl: `${base}${TEAMS_PATHS.connector}`,
      tokenUrl: `${base}${TEAMS_PATHS.login}${TEAMS_SANDBOX.tenantId}/oauth2/v2.0/token`,
      loginUrl: `${base}${TEAMS_PATHS.login}`,
      openIdMetadataUrl: `${base}${TEAMS_PATHS.openIdMetadata}`,
      jwksUrl: `${base}${TEAMS_PATHS.jwks}`,
    };
  }

  /** `{base}/teams/connector/`, the `serviceUrl` of every activity. */
  get serviceUrl(): string {
    return `${this.base()}${TEAMS_PATHS.connector}`;
  }

  /** Every Bot Connector call so far (token requests are counted in `tokenRequests`). */
  get apiCalls(): readonly TeamsApiCall[] {
    return this.connector.calls;
  }

  clearApiCalls(): void {
    this.connector.calls.length = 0;
  }

  /** Requests to the token endpoint so far, granted or refused. */
  get tokenRequests(): number {
    return this.login.requests;
  }

  /** Requests for the JWKS so far (to see the app cache it). */
  get jwksRequests(): number {
    return this.jwksFetches;
  }

  /** For `LocalRoutes.extra`: token endpoint, OpenID metadata, keys, connector, chat page; false for anything else. */
  readonly routes = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const path = url.pathname;
    if (path.startsWith(TEAMS_PATHS.login)) {
      await this.login.handle(req, res, path.slice(TEAMS_PATHS.login.length));
      return true;
    }
    if (path === TEAMS_PATHS.openIdMetadata) {
      sendJson(res, 200, {
        issuer: BOT_FRAMEWORK_ISSUER,
        authorization_endpoint: 'https://invalid.botframework.com',
        jwks_uri: this.endpoints.jwksUrl,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
      return true;
    }
    if (path === TEAMS_PATHS.jwks) {
      this.jwksFetches += 1;
      sendJson(res, 200, await (await this.keys).jwks());
      return true;
    }
    if (path.startsWith(TEAMS_PATHS.connector)) {
      if (await this.pastedPictures.route(req, res, path.slice(TEAMS_PATHS.connector.length))) return true;
      await this.connector.handle(req, res, path.slice(TEAMS_PATHS.connector.length));
      return true;
    }
    if (await this.oneDrive.route(req, res, url)) return true;
    return teamsChatPageRoute(req, res, url, this);
  };

  /** Resolves once the signing keys exist (they are made at construction). */
  async ready(): Promise<void> {
    await this.keys;
  }

  /** The JWKS the keys endpoint serves now. */
  async jwks(): Promise<{ keys: Record<string, unknown>[] }> {
    return (await this.keys).jwks();
  }

  /**
   * New channel signing keys, as Microsoft rotates them: the JWKS then lists
   * only the new ones, so tokens signed before carry an unknown `kid`. Returns
   * the new `msteams` key's kid. (The login key stays: access tokens the app
   * holds remain good.)
   */
  async rotateKeys(): Promise<string> {
    return (await this.keys).rotate();
  }

  /**
   * The person adds the app in personal scope: `installationUpdate` (add),
   * then `conversationUpdate` (membersAdded) for their 1:1 conversation, which
   * the bot may then write to (and create, `POST v3/conversations`).
   */
  async install(ref: TeamsPersonRef, options: DeliveryOptions = {}): Promise<TeamsInstall> {
    const person = this.person(ref);
    const installation = await this.deliver(this.activityFor(person, { kind: 'install' }), options);
    const conversation = await this.deliver(this.activityFor(person, { kind: 'membersAdded' }), options);
    return { conversationId: personalConversationId(person), installationUpdate: installation, conversationUpdate: conversation };
  }

  /** The person removes the app: `installationUpdate` (remove); the bot can no longer write to them. */
  async uninstall(ref: TeamsPersonRef, options: DeliveryOptions = {}): Promise<TeamsDelivery> {
    return this.deliver(this.activityFor(this.person(ref), { kind: 'uninstall' }), options);
  }

  isInstalled(ref: TeamsPersonRef): boolean {
    return this.store.isInstalled(this.person(ref).id);
  }

  /**
   * The person writes `text` in their 1:1 chat with the bot (they must have installed the app), with `files` if
   * given: each put in their OneDrive and attached as `file.download.info`, or a pasted picture on the Bot Connector.
   */
  async sendAs(ref: TeamsPersonRef, text: string, filesOrOptions: readonly TeamsSharedFile[] | DeliveryOptions = {}, more: DeliveryOptions = {}): Promise<TeamsDelivery> {
    const person = this.installedPerson(ref);
    const files = Array.isArray(filesOrOptions) ? (filesOrOptions as readonly TeamsSharedFile[]) : [];
    const options = Array.isArray(filesOrOptions) ? more : (filesOrOptions as DeliveryOptions);
    const activity = this.activityFor(person, text);
    if (files.length === 0) return this.deliver(activity, options);
    const attached = fileAttachments(person, files, this.oneDrive, this.pastedPictures, this.serviceUrl);
    const words = text === '' ? [] : (activity.attachments ?? []);
    return this.deliver({ ...activity, attachments: [...attached, ...words] }, options);
  }

  /** The person edits their message `activityId` in their 1:1 chat to read `text`: a `messageUpdate` activity (its id the message's). */
  async editAs(ref: TeamsPersonRef, activityId: string, text: string, options: DeliveryOptions = {}): Promise<TeamsDelivery> {
    return this.deliver(this.changeFor(ref, activityId, { kind: 'edit', text }), options);
  }

  /** The person deletes their message `activityId` in their 1:1 chat: a `messageDelete` activity. */
  async deleteAs(ref: TeamsPersonRef, activityId: string, options: DeliveryOptions = {}): Promise<TeamsDelivery> {
    return this.deliver(this.changeFor(ref, activityId, { kind: 'delete' }), options);
  }

  /** Builds (without delivering) the person's edit or deletion of their message `activityId`: deliver it twice for a redelivery. */
  changeFor(ref: TeamsPersonRef, activityId: string, change: { readonly kind: 'edit'; readonly text: string } | { readonly kind: 'delete' }): TeamsActivity {
    const person = this.installedPerson(ref);
    const message = this.store.get(personalConversationId(person), activityId);
    if (!message || message.from !== 'person' || message.senderId !== person.id) throw new TeamsSandboxInputError(`No message ${activityId} of ${person.name}'s to change.`);
    return personalMessageChange(person, change, { serviceUrl: this.serviceUrl, nowMs: this.now(), id: activityId });
  }

  /** The person writes `<at>Koji</at> text` in the sandbox team's General channel. */
  async mentionInChannel(ref: TeamsPersonRef, text: string, options: DeliveryOptions = {}): Promise<TeamsDelivery> {
    return this.deliver(this.activityFor(this.person(ref), { kind: 'mention', text }), options);
  }

  /** The person clicks an Adaptive Card `Action.Submit` whose data is `value` (on the bot's message `replyToId`, when given). */
  async submit(ref: TeamsPersonRef, value: unknown, options: DeliveryOptions & { readonly replyToId?: string } = {}): Promise<TeamsDelivery> {
    const person = this.installedPerson(ref);
    return this.deliver(this.activityFor(person, { kind: 'submit', value, replyToId: options.replyToId }), options);
  }

  /**
   * The person clicks an `Action.Submit` of the card on the bot's message
   * `activityId` in their chat: by index (document order), `id` or `title`.
   */
  async clickSubmit(ref: TeamsPersonRef, activityId: string, action: number | string, options: DeliveryOptions = {}): Promise<TeamsDelivery> {
    const person = this.installedPerson(ref);
    const message = this.store.get(personalConversationId(person), activityId);
    if (!message || message.from !== 'bot') throw new TeamsSandboxInputError(`No message ${activityId} from the bot in ${person.name}'s chat.`);
    const actions = submitActions(message.attachments);
    const chosen = actions.find((a) => (typeof action === 'number' ? a.index === action : a.id === action || a.title === action));
    if (!chosen) throw new TeamsSandboxInputError(`The message ${activityId} has no Action.Submit ${JSON.stringify(action)}.`);
    return this.submit(person, chosen.data, { ...options, replyToId: activityId });
  }

  /**
   * The person clicks Allow (`accept`) or Decline on the file consent card of the bot's message `activityId`: Teams
   * makes an upload slot in their OneDrive (on Allow) and sends the bot a signed `fileConsent/invoke` with the card's
   * context.
   */
  async answerConsent(ref: TeamsPersonRef, activityId: string, action: 'accept' | 'decline', options: DeliveryOptions = {}): Promise<TeamsDelivery> {
    const person = this.installedPerson(ref);
    const message = this.store.get(personalConversationId(person), activityId);
    const card = message?.from === 'bot' ? message.attachments?.find((a) => a['contentType'] === FILE_CONSENT_CARD) : undefined;
    if (!card) throw new TeamsSandboxInputError(`No file consent card on the bot's message ${activityId} in ${person.name}'s chat.`);
    const content = (card['content'] ?? {}) as Record<string, unknown>;
    const upload = action === 'accept' ? this.oneDrive.slotFor(person, typeof card['name'] === 'string' ? card['name'] : 'file') : undefined;
    const context = action === 'accept' ? content['acceptContext'] : content['declineContext'];
    const activity = fileConsentInvoke(person, action, context, upload, { serviceUrl: this.serviceUrl, nowMs: this.now(), id: newEventActivityId() });
    return this.deliver(activity, options);
  }

  /** Builds (without delivering or storing) an activity of the person, with a fresh id and the sandbox clock. */
  activityFor(ref: TeamsPersonRef, input: ActivityInput): TeamsActivity {
    const person = this.person(ref);
    const nowMs = this.now();
    const messageContext = (): ActivityContext => ({ serviceUrl: this.serviceUrl, nowMs, id: this.store.nextId() });
    const eventContext = (): ActivityContext => ({ serviceUrl: this.serviceUrl, nowMs, id: newEventActivityId() });
    if (typeof input === 'string') return personalMessage(person, input, messageContext());
    switch (input.kind) {
      case 'message':
        return personalMessage(person, input.text, messageContext());
      case 'mention':
        return channelMention(person, input.text, messageContext());
      case 'submit':
        return cardSubmit(person, input.value, input.replyToId, messageContext());
      case 'install':
        return installationUpdate(person, 'add', eventContext());
      case 'uninstall':
        return installationUpdate(person, 'remove', eventContext());
      case 'membersAdded':
        return membersAdded(person, eventContext());
    }
  }

  /** The Bot Connector's JWT for the activity (undefined for `none`), signed now. */
  async tokenFor(activity: Pick<TeamsActivity, 'serviceUrl'>, variant: TokenVariant = 'valid', appId?: string): Promise<string | undefined> {
    return inboundToken(await this.keys, activity, variant, this.now(), appId);
  }

  /**
   * Delivers an activity to the web trigger with a fresh token. What it does
   * in Teams happens first: a message is stored in its conversation (once per
   * id, so delivering it again is a redelivery), an installationUpdate installs
   * or removes the app.
   */
  deliver(built: TeamsActivity, options: DeliveryOptions = {}): Promise<TeamsDelivery> {
    const { bot } = options;
    const activity: TeamsActivity = bot ? { ...built, recipient: { id: bot.botId, name: bot.botName } } : built;
    this.apply(activity);
    const run = (async () => {
      const url = this.triggerUrl();
      const token = await this.tokenFor(activity, options.token ?? 'valid', bot?.appId);
      const response = await deliverActivity(url, activity, token);
      return { ...response, activityId: activity.id };
    })();
    const tracked = run.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
    return run;
  }

  /** The person's 1:1 chat with the bot (their messages, submits, and the bot's), oldest first. */
  conversation(ref: TeamsPersonRef): TeamsSandboxMessage[] {
    return this.store.list(personalConversationId(this.person(ref)));
  }

  /** Everything in the sandbox team's General channel: mentions and the bot's replies. */
  channelMessages(): TeamsSandboxMessage[] {
    return this.store.list(TEAMS_SANDBOX.channel.id);
  }

  conversationIdOf(ref: TeamsPersonRef): string {
    return personalConversationId(this.person(ref));
  }

  /**
   * The next `times` calls of `operation` answer HTTP `status` (429, 412, 502,
   * 504, …) with Teams' error body, and `Retry-After` when given.
   */
  failNext(operation: TeamsOperation, status: number, times = 1, retryAfterSeconds?: number): void {
    this.failures.add(operation, status, times, retryAfterSeconds);
  }

  /** The next `times` calls of `operation` answer 200 with a body that is not JSON (`garbage`), or never answer (`hang`). */
  misbehaveNext(operation: TeamsOperation, misbehaviour: Misbehaviour, times = 1): void {
    this.failures.misbehave(operation, misbehaviour, times);
  }

  /** The next `times` calls of `operation` meet `fault`: a stall answers late, a reset drops the connection (see faults.ts). */
  faultNext(operation: TeamsOperation, fault: Fault, times = 1): void {
    this.failures.inject(operation, fault, times);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  /** Resolves when every delivery started so far has been answered (or given up on). */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private apply(activity: TeamsActivity): void {
    const person = findTeamsPerson(activity.from.id);
    if (!person) return;
    if (activity.type === 'installationUpdate') this.store.setInstalled(person.id, activity.action !== 'remove');
    if (activity.type === 'messageDelete') this.store.remove(activity.conversation.id, activity.id);
    if (activity.type === 'messageUpdate') {
      this.store.replace(activity.conversation.id, activity.id, { text: activity.text, textFormat: activity.textFormat, attachments: [], activity: { ...activity }, updatedAt: activity.timestamp });
    }
    if (activity.type !== 'message') return;
    const conversationId = personOfConversation(activity.conversation.id) ? activity.conversation.id : channelOf(activity.conversation.id);
    if (!conversationId) return;
    const isSubmit = activity.value !== undefined && activity.text === undefined;
    this.store.add({
      conversationId,
      id: activity.id,
      from: 'person',
      senderId: person.id,
      kind: isSubmit ? 'submit' : 'message',
      text: activity.text,
      textFormat: activity.textFormat,
      value: activity.value,
      attachments: filesOf(activity),
      replyToId: activity.replyToId,
      timestamp: activity.timestamp,
      activity: { ...activity },
    });
  }

  private person(ref: TeamsPersonRef): TeamsSandboxPerson {
    const person = findTeamsPerson(ref);
    if (!person) throw new TeamsSandboxInputError(`No sandbox person ${typeof ref === 'string' ? ref : ref.id}.`);
    return person;
  }

  private installedPerson(ref: TeamsPersonRef): TeamsSandboxPerson {
    const person = this.person(ref);
    if (!this.store.isInstalled(person.id)) throw new TeamsSandboxInputError(`${person.name} has not installed ${TEAMS_SANDBOX.botName}; install it first.`, 409);
    return person;
  }

  private triggerUrl(): string {
    try {
      return this.options.webTriggerUrl();
    } catch (error) {
      throw new TriggerUnreachableError('(unknown)', { cause: error });
    }
  }

  private base(): string {
    return this.options.baseUrl().replace(/\/+$/, '');
  }
}

/** The files on a person's message (its attachments but the text/html copy of the words), undefined when none. */
function filesOf(activity: TeamsActivity): Record<string, unknown>[] | undefined {
  const files = (activity.attachments ?? []).filter((a) => a['contentType'] !== 'text/html');
  return files.length > 0 ? files : undefined;
}
