import { drainBacklog } from '../../src/app/delivery/drain';
import { createTicketFromJob } from '../../src/app/tickets/create-ticket';
import { COMMANDS } from '../../src/app/commands';
import type { ChatCommand } from '../../src/app/commands/command';
import { handleChatMessage } from '../../src/app/conversation/handle-chat-message';
import { notify } from '../../src/app/delivery/notify';
import type { IncomingChatMessage, MessageOutcome } from '../../src/app/conversation/incoming-message';
import { grantOperatorRole } from '../../src/app/settings/manage-operator-role';
import type { Assistant, CoreDeps, Logger } from '../../src/app/ports';
import { updateSettings } from '../../src/app/settings/update-settings';
import { HandoffHintAssistant } from '../../src/app/conversation/default-assistant';
import type { ChatActionKind } from '../../src/domain/outgoing-message';
import { participantKey, type ChatChannel, type Participant } from '../../src/domain/participant';
import type { SettingsChange } from '../../src/domain/settings';
import { FakeTickets } from '../fakes/fake-tickets';
import { FakeKnowledgeBase, InMemoryDeflectionCounters } from '../fakes/fake-knowledge-base';
import { KnowledgeBaseAssistant } from '../../src/app/conversation/kb-assistant';
import { FakeFiles } from '../fakes/fake-files';
import { relayFiles } from '../../src/app/files/relay-files';
import { attachTicketFiles } from '../../src/app/files/ticket-files';
import { InMemoryLiveAgentState } from '../fakes/in-memory-live-agent-state';
import { InMemoryRatings } from '../fakes/in-memory-ratings';
import { InMemoryFigures } from '../fakes/in-memory-figures';
import { FixedClock, InMemoryDeliveries, InMemorySettings, InMemoryTranscripts } from '../fakes/in-memory-stores';
import { RecordingChat, RecordingOutbox } from '../fakes/recording-chat';
import { whenUnreachable } from '../../src/app/delivery/unreachable';
import { expireOffer } from '../../src/app/offers/settle-offer';
import { InMemoryHistory, InMemoryTranscriptRetention } from '../fakes/in-memory-history';

export const PROJECT = '10000';

export class RecordingLogger implements Logger {
  readonly entries: Array<{ level: 'info' | 'warn'; event: string; fields?: Record<string, unknown> | undefined }> = [];
  info(event: string, fields?: Record<string, unknown>): void {
    this.entries.push({ level: 'info', event, fields });
  }
  warn(event: string, fields?: Record<string, unknown>): void {
    this.entries.push({ level: 'warn', event, fields });
  }
}

export interface WorldOptions {
  /** Makes every store call yield to other pending work, so concurrent handlers interleave. */
  readonly yieldBetweenCalls?: () => Promise<void>;
  /** The operator commands the core knows: the product's, or more registered by a spec. */
  readonly commands?: readonly ChatCommand[];
  /** The help-desk bot: the placeholder that points at the handoff phrase, unless a spec gives another. */
  readonly assistant?: Assistant;
  /** Koji's knowledge-base assistant, answering from `knowledgeBase`, instead of the placeholder. */
  readonly knowledgeBaseAnswers?: boolean;
}

/**
 * A help desk with in-memory ports: people, a clock, and ways to make them
 * talk. Each message gets a fresh delivery id unless the test repeats one.
 */
export class World {
  readonly clock = new FixedClock();
  readonly state: InMemoryLiveAgentState;
  readonly ratings: InMemoryRatings;
  readonly settings = new InMemorySettings();
  readonly transcripts = new InMemoryTranscripts(this.clock);
  readonly deliveries = new InMemoryDeliveries();
  readonly chat = new RecordingChat();
  readonly outbox = new RecordingOutbox();
  readonly tickets = new FakeTickets();
  readonly files = new FakeFiles();
  readonly log = new RecordingLogger();
  /** The project's knowledge base, which Koji's own assistant answers from (`knowledgeBaseAnswers`). */
  readonly knowledgeBase = new FakeKnowledgeBase();
  readonly deflection = new InMemoryDeflectionCounters();
  /** The service figures per project and day (issue 20), beside the deflection counts they report with. */
  readonly figures = new InMemoryFigures(this.deflection);
  /** Past conversations, and the sweep of transcript lines kept without a TTL (history). */
  readonly history = new InMemoryHistory(this.clock);
  readonly transcriptRetention = new InMemoryTranscriptRetention(this.transcripts);
  readonly deps: CoreDeps;
  private readonly commands: readonly ChatCommand[];
  private deliveryCounter = 0;

  constructor(options: WorldOptions = {}) {
    this.state = new InMemoryLiveAgentState(options.yieldBetweenCalls);
    this.ratings = new InMemoryRatings(this.state, options.yieldBetweenCalls);
    this.commands = options.commands ?? COMMANDS;
    this.deps = {
      state: this.state,
      settings: this.settings,
      transcripts: this.transcripts,
      deliveries: this.deliveries,
      chat: this.chat,
      files: this.files,
      outbox: this.outbox,
      tickets: this.tickets,
      ratings: this.ratings,
      assistant: options.assistant ?? (options.knowledgeBaseAnswers ? new KnowledgeBaseAssistant(this.knowledgeBase, this.log) : new HandoffHintAssistant()),
      deflection: this.deflection,
      figures: this.figures,
      history: this.history,
      transcriptRetention: this.transcriptRetention,
      clock: this.clock,
      log: this.log,
      whenUnreachable,
    };
  }

  /** A chat user with a display name the chat platform knows. */
  person(name: string, options: { channel?: ChatChannel; tenantId?: string; email?: string; locale?: string } = {}): Participant {
    const p: Participant = {
      channel: options.channel ?? 'slack',
      tenantId: options.tenantId ?? 'T1',
      userId: `U${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
    };
    this.chat.profiles.set(participantKey(p), { displayName: name, email: options.email, ...(options.locale ? { locale: options.locale } : {}) });
    return p;
  }

  async enableLiveAgents(change: SettingsChange = {}): Promise<void> {
    await updateSettings(this.deps, PROJECT, { enabled: true, ...change });
  }

  /** A person with the Live agent role, optionally already on duty. */
  async operator(name: string, options: { onDuty?: boolean; channel?: ChatChannel; locale?: string } = {}): Promise<Participant> {
    const p = this.person(name, options);
    await grantOperatorRole(this.deps, { projectId: PROJECT, participant: p, displayName: name });
    if (options.onDuty) await this.say(p, '#on');
    return p;
  }

  message(from: Participant, text: string, extra: Partial<IncomingChatMessage> = {}): IncomingChatMessage {
    this.deliveryCounter += 1;
    this.clock.advanceMs(1000);
    return {
      id: `Ev${String(this.deliveryCounter).padStart(4, '0')}`,
      projectId: PROJECT,
      from,
      text,
      sentAt: this.clock.now(),
      ...extra,
    };
  }

  say(from: Participant, text: string, extra: Partial<IncomingChatMessage> = {}): Promise<MessageOutcome> {
    return this.deliver(this.message(from, text, extra));
  }

  click(from: Participant, kind: ChatActionKind, extra: Partial<IncomingChatMessage> & { value?: string } = {}): Promise<MessageOutcome> {
    const { value, ...rest } = extra;
    return this.say(from, '', { action: { kind, value }, ...rest });
  }

  deliver(msg: IncomingChatMessage): Promise<MessageOutcome> {
    return handleChatMessage(this.deps, msg, this.commands).then((handled) => handled.outcome);
  }

  /** Texts a person received, in order. */
  heard(p: Participant): string[] {
    return this.chat.textsTo(p);
  }

  lastHeard(p: Participant): string {
    return this.chat.lastTo(p)?.text ?? '';
  }

  /**
   * Runs what the queue holds, each job after its delay (the clock moves on to
   * it), until nothing is left or `limit` jobs ran. `redeliver`: every job runs
   * twice, as Forge may deliver it.
   */
  async runQueue(options: { limit?: number; redeliver?: boolean } = {}): Promise<number> {
    let ran = 0;
    const limit = options.limit ?? 100;
    while (ran < limit) {
      const ticket = this.outbox.tickets.shift();
      if (ticket) {
        await createTicketFromJob(this.deps, ticket);
        ran += 1;
        continue;
      }
      const files = this.outbox.files.shift();
      if (files) {
        for (let i = 0; i < (options.redeliver ? 2 : 1); i += 1) await (files.kind === 'ticket-files' ? attachTicketFiles(this.deps, files) : relayFiles(this.deps, files));
        ran += 1;
        continue;
      }
      const drain = this.outbox.drains.shift();
      const held = drain ? undefined : this.outbox.held.shift();
      if (!drain && !held) {
        // Offer expiries last: they wait out a whole offer window, longer than any retry.
        if (!(await this.expireNextOffer())) break;
        ran += 1;
        continue;
      }
      this.clock.advanceMs(((drain ?? held)?.afterSeconds ?? 0) * 1000);
      for (let i = 0; i < (options.redeliver ? 2 : 1); i += 1) {
        if (drain) await drainBacklog(this.deps, drain.job);
        if (held) await notify(this.deps, held.to, held.message, held.attempt);
      }
      ran += 1;
    }
    return ran;
  }

  /**
   * Lets the oldest offer still open run out: its delayed expiry event comes, as Forge delivers it, once the
   * clock reaches the end of its window. Events of offers settled meanwhile come too, and do nothing. False
   * when no open offer was left to expire.
   */
  async expireNextOffer(): Promise<boolean> {
    for (let next = this.outbox.offerExpiries.shift(); next; next = this.outbox.offerExpiries.shift()) {
      const offered = await this.state.getConversation(next.job.user);
      const open = offered?.value.state.kind === 'offered' && offered.value.state.offer.id === next.job.offerId ? offered.value.state.offer : undefined;
      if (open && open.until > this.clock.now()) this.clock.advanceMs(open.until - this.clock.now());
      if ((await expireOffer(this.deps, next.job)) === 'expired') return true;
    }
    return false;
  }

  async conversationOf(user: Participant) {
    return (await this.state.getConversation(user))?.value;
  }

  async operatorRecord(p: Participant) {
    return (await this.state.getOperator(p))?.value;
  }
}
