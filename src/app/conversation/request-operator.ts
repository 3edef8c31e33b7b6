import { businessHoursAt, type NextOpening } from '../../domain/business-hours';
import { isWaiting, type Conversation } from '../../domain/conversation';
import { announceOffer, offerWrites } from '../offers/make-offer';
import { returningTo } from '../../domain/last-operator';
import { hasFreeCapacity, type Operator, type PendingOffer } from '../../domain/operator';
import type { Participant } from '../../domain/participant';
import { say } from '../../domain/replies';
import { languageFor } from './person-language';
import { projectTimeZone, type LiveAgentSettings } from '../../domain/settings';
import type { TranscriptLine } from '../../domain/transcript';
import { LOST_RACE, untilCommitted } from '../compare-and-set';
import { EXCERPT_LINES, announceConnection, connectWrites } from './connect-to-operator';
import { dispatchQueue } from '../queue/dispatch-queue';
import type { IncomingChatMessage, MessageOutcome } from './incoming-message';
import { notify } from '../delivery/notify';
import type { CoreDeps, Versioned } from '../ports';
import { loadSettings } from '../settings/project-settings';
import { oldestQueued, queuePosition } from '../queue/queue';
import { routingChoice } from './routing';
import { newConversationId, recentMessagesId } from '../transcript/transcript-ids';
import { notYetTaken } from '../transcript/recent-messages';
import { displayNameOf } from './user-name';
import { windDownConversation } from '../settings/wind-down';
import { countFigures, servedEvent } from '../figures/service-figures';
import { lineKept } from '../history/record-history';
import { screen, screenedLine } from '../privacy/screen-line';

/** `continued`: the user had been offered a ticket, and asking again carries that conversation on. */
type Routing =
  | { readonly kind: 'already-connected'; readonly conversation: Conversation }
  | { readonly kind: 'already-queued'; readonly conversation: Conversation }
  | { readonly kind: 'no-operator-on-duty'; readonly conversation: Conversation; readonly continued: boolean }
  | { readonly kind: 'outside-business-hours'; readonly conversation: Conversation; readonly continued: boolean; readonly back?: NextOpening }
  | { readonly kind: 'connected'; readonly conversation: Conversation; readonly operator: Operator; readonly continued: boolean }
  | { readonly kind: 'offered'; readonly conversation: Conversation; readonly operator: Operator; readonly offer: PendingOffer; readonly continued: boolean }
  | { readonly kind: 'queued'; readonly conversation: Conversation; readonly continued: boolean };

/**
 * A user asked for a human. Connect them to the least busy free operator when
 * nobody is waiting ahead of them; otherwise queue them and tell them their
 * place; with nobody on duty at all, or outside the project's business hours, say so at once and offer a ticket.
 */
export async function requestOperator(
  deps: CoreDeps,
  msg: IncomingChatMessage,
  settings: LiveAgentSettings,
): Promise<MessageOutcome> {
  const userName = await displayNameOf(deps, msg.from, msg.senderName);
  const typed: TranscriptLine = {
    id: msg.id,
    at: msg.sentAt,
    role: 'user',
    speakerName: userName,
    speaker: msg.from,
    text: msg.text,
    ...(msg.links ? { links: msg.links } : {}),
    attachments: msg.attachments,
  };

  const routing = await untilCommitted(() => route(deps, msg, settings, userName));
  const { conversation } = routing;
  const { toUser } = say(conversation.lang);
  // The words that asked count as the conversation's: screened by its rule, its sender told once.
  const { line: requestLine, tell } = screen(deps, typed, conversation, { conversationId: conversation.id, sender: msg.from, lang: conversation.lang });

  if (routing.kind === 'already-connected') {
    await deps.transcripts.append(conversation.id, requestLine, lineKept(conversation));
    await tell();
    const name = conversation.state.kind === 'with-operator' ? conversation.state.operatorName : 'an operator';
    await notify(deps, msg.from, { kind: 'notice', text: toUser.alreadyConnected(name), conversationId: conversation.id });
    return 'handoff';
  }
  if (routing.kind === 'already-queued') {
    await deps.transcripts.append(conversation.id, requestLine, lineKept(conversation));
    await tell();
    if (conversation.state.kind === 'offered') {
      await notify(deps, msg.from, { kind: 'notice', text: toUser.beingConnected(), conversationId: conversation.id });
      return 'handoff';
    }
    await tellQueuePosition(deps, conversation, 'still');
    return 'handoff';
  }

  // Counted once the ask committed: asked, and served at once when an operator took them straight away.
  await countFigures(deps, msg.projectId, settings, routing.kind === 'connected' ? [{ kind: 'asked' }, servedEvent(conversation, routing.operator, deps.clock.now())] : [{ kind: 'asked' }]);

  if (routing.continued) {
    // The conversation already starts with the user's words to the bot; this request joins what followed.
    await deps.transcripts.append(conversation.id, requestLine, lineKept(conversation));
  } else {
    // Not what an earlier conversation already took (history/record-history.ts marks it when it ends).
    const recent = notYetTaken(await deps.transcripts.read(recentMessagesId(msg.from), { last: EXCERPT_LINES - 1 }));
    // Lines written before the handoff may carry only a platform id: name the user as the operator will see them.
    const earlier = recent.map((line) => (line.role === 'user' ? screenedLine({ ...line, speakerName: userName }, conversation).line : line));
    await deps.transcripts.appendMany(conversation.id, [...earlier, requestLine], lineKept(conversation));
  }
  await tell();

  // The admin may have turned support off after `settings` was read, and the wind-down may have read
  // the queue before this commit: reading the settings again after it, one of the two sees the other.
  if (routing.kind === 'connected' || routing.kind === 'queued' || routing.kind === 'offered') {
    const latest = await loadSettings(deps, msg.projectId);
    if (!latest.enabled) {
      await windDownConversation(deps, conversation, latest);
      return 'handoff';
    }
  }

  switch (routing.kind) {
    case 'connected':
      await announceConnection(deps, conversation, routing.operator);
      break;
    case 'offered':
      await announceOffer(deps, conversation, routing.operator, routing.offer, settings, true);
      break;
    case 'queued':
      // Someone may have become free between our read and our commit: matching now closes that gap.
      await dispatchQueue(deps, msg.projectId, settings);
      await tellQueuePosition(deps, conversation, 'new');
      break;
    case 'no-operator-on-duty':
      await offerTicketAtOnce(deps, conversation, toUser.noOperatorOnDuty());
      break;
    case 'outside-business-hours':
      await offerTicketAtOnce(deps, conversation, toUser.outsideBusinessHours(routing.back, projectTimeZone(settings)));
      break;
  }
  return 'handoff';
}

async function route(
  deps: CoreDeps,
  msg: IncomingChatMessage,
  settings: LiveAgentSettings,
  userName: string,
): Promise<Routing | typeof LOST_RACE> {
  const now = deps.clock.now();
  // One read for both: the user's conversation, and who served them last.
  const { conversation: existing, lastOperator } = await deps.state.getRequester(msg.from);
  if (existing?.value.state.kind === 'with-operator') return { kind: 'already-connected', conversation: existing.value };
  if (existing && isWaiting(existing.value.state)) return { kind: 'already-queued', conversation: existing.value };

  // A user who was offered a ticket and asks again keeps the same conversation and transcript.
  const base: Conversation = existing?.value ?? {
    id: newConversationId(msg.from, msg.id),
    projectId: msg.projectId,
    user: msg.from,
    userName,
    // Settled now for the whole conversation: everything Koji tells them until it ends is in it.
    lang: msg.language ?? languageFor(msg, settings),
    deskLang: settings.defaultLanguage,
    requestedAt: now,
    // Its lines and history record are kept this long, settled now from the settings this request already read.
    keepDays: settings.retentionDays,
    // Its messages are screened for secrets when the project asked for it when it started (privacy/screen-line.ts).
    ...(settings.autoRedaction ? { autoRedaction: true } : {}),
    state: { kind: 'queued', since: now, enteredAt: now },
  };
  const expected = existing?.version ?? 'absent';
  const continued = existing !== undefined;

  // Outside business hours nobody is routed, on duty or not: users already queued when it closed are left be.
  const hours = settings.businessHours ? businessHoursAt(settings.businessHours, projectTimeZone(settings), now) : { open: true as const };
  if (!hours.open) {
    const offered: Conversation = { ...base, state: { kind: 'ticket-offered', since: now, reason: 'outside-business-hours' } };
    const ok = await deps.state.commit([{ kind: 'put-conversation', conversation: offered, expected }]);
    return ok ? { kind: 'outside-business-hours', conversation: offered, continued, ...(hours.next ? { back: hours.next } : {}) } : LOST_RACE;
  }

  // One short read of the routing order says both whether anyone is on duty and who is best.
  const choice = await routingChoice(deps, msg.projectId, settings.operatorCapacity);
  if (!choice.anyoneOnDuty) {
    const offered: Conversation = { ...base, state: { kind: 'ticket-offered', since: now, reason: 'no-operator-on-duty' } };
    const ok = await deps.state.commit([{ kind: 'put-conversation', conversation: offered, expected }]);
    return ok ? { kind: 'no-operator-on-duty', conversation: offered, continued } : LOST_RACE;
  }

  // First come, first served: nobody jumps over users who are already waiting.
  const someoneWaiting = (await oldestQueued(deps, msg.projectId)) !== undefined;
  const operator = someoneWaiting ? undefined : ((await backWith(deps, returningTo(lastOperator, settings, msg.projectId, now), msg.projectId, settings.operatorCapacity)) ?? choice.operator);
  if (operator && settings.operatorAssignment === 'offer-first') {
    const change = offerWrites(base, expected, operator, now, settings);
    return (await deps.state.commit(change.writes))
      ? { kind: 'offered', conversation: change.conversation, operator: change.operator, offer: change.offer, continued }
      : LOST_RACE;
  }
  if (operator) {
    const change = connectWrites(base, expected, operator, now);
    return (await deps.state.commit(change.writes))
      ? { kind: 'connected', conversation: change.conversation, operator: change.operator, continued }
      : LOST_RACE;
  }

  const queued: Conversation = { ...base, state: { kind: 'queued', since: now, enteredAt: now } };
  const ok = await deps.state.commit([{ kind: 'put-conversation', conversation: queued, expected }]);
  return ok ? { kind: 'queued', conversation: queued, continued } : LOST_RACE;
}

/**
 * The operator who last served a returning user, if they are on duty with
 * room now: one read, only for a user served within the window. The commit
 * that connects them checks the version read here, so a race re-reads and decides again.
 */
async function backWith(
  deps: CoreDeps,
  operator: Participant | undefined,
  projectId: string,
  projectCapacity: number,
): Promise<Versioned<Operator> | undefined> {
  if (!operator) return undefined;
  const found = await deps.state.getOperator(operator);
  return found && found.value.projectId === projectId && hasFreeCapacity(found.value, projectCapacity) ? found : undefined;
}

/** Nobody can join now: the user is told why and offered a ticket, taken with the button or a plain "ticket". */
async function offerTicketAtOnce(deps: CoreDeps, conversation: Conversation, text: string): Promise<void> {
  await notify(deps, conversation.user, {
    kind: 'notice',
    text,
    conversationId: conversation.id,
    buttons: [{ action: 'accept-ticket', label: say(conversation.lang).buttonLabels.createTicketForMe }],
  });
}

/** Tells a waiting user their place, unless they stopped waiting meanwhile (connected, or gone). */
async function tellQueuePosition(deps: CoreDeps, conversation: Conversation, when: 'new' | 'still'): Promise<void> {
  const position = await queuePosition(deps, conversation.projectId, conversation.id);
  if (position === undefined) return;
  const { toUser, buttonLabels } = say(conversation.lang);
  await notify(deps, conversation.user, {
    kind: 'notice',
    text: when === 'new' ? toUser.queued(position) : toUser.stillQueued(position),
    conversationId: conversation.id,
    buttons: [{ action: 'leave', label: buttonLabels.leaveQueue }],
  });
}
