import type { Conversation } from '../../domain/conversation';
import { acceptsTicketOffer } from '../../domain/chat-command';
import type { Operator } from '../../domain/operator';
import { notesFor, say } from '../../domain/replies';
import { handoffHint, type LiveAgentSettings } from '../../domain/settings';
import type { TranscriptLine } from '../../domain/transcript';
import { COMMANDS } from '../commands';
import { withCardNote, type ChatCommand, type Handled } from '../commands/command';
import { replyAboutTarget, targetConversation } from '../commands/conversation-target';
import { runOperatorCommand } from '../commands/dispatch';
import { commandFromAction, isOperatorOnly, parseOperatorCommand } from '../commands/parse';
import { addressedTo } from './addressed-to';
import { answerWithAssistant, countEscalation, solvedByAnswer } from './answer-with-assistant';
import { acceptTicketOffer } from '../tickets/create-ticket';
import { offerTicketInstead } from '../tickets/ticket-offer';
import { withdrawOffer } from '../offers/settle-offer';
import { closeWithoutOperator, endConversation, leaveQueue } from './end-conversation';
import { actOnDeliveryOnce, askedForOperator, asksForOperator, leaveWithCardNote, wantsToLeave } from './act-once';
import type { HandledMessage, IncomingChatMessage, MessageOutcome } from './incoming-message';
import { notify } from '../delivery/notify';
import { operatorLane, userLane } from '../delivery/lane';
import { relayLine, relayRetried } from '../delivery/relay';
import type { CoreDeps, LiveAgentState, Versioned } from '../ports';
import { languageFor, withSenderLocale } from './person-language';
import { loadSettings } from '../settings/project-settings';
import { queuePosition } from '../queue/queue';
import { requestOperator } from './request-operator';
import { noteOperatorActivity } from '../duty/operator-activity';
import { userLine, withLiteralHash } from './message-lines';
import { screen, screenedLine } from '../privacy/screen-line';
import { recordEnding } from '../transcript/system-line';
import { lineKept } from '../history/record-history';
import { RECENT_MESSAGES_TTL_SECONDS, recentMessagesId } from '../transcript/transcript-ids';
import { commentOnRating, isRatingComment, rateConversation } from '../ratings/rate-conversation';
import { openTicketReply, replyOnTicket, threadTicket, ticketReplyKey } from '../follow-up/reply-on-ticket';

/**
 * The one door for every chat message and button click, from any channel.
 *
 * The common case, a message in a running conversation, costs one store read
 * (the sender's conversation, or the operator record) and one write (the transcript
 * line, which is also the dedupe record) before it is relayed. Everything else
 * is claimed in the delivery log first, so a retried delivery is acted on once.
 * `commands`: the operator commands it knows (a spec may register more).
 *
 * It answers what became of the message and, for a button click, what the
 * click settled, so the channel can show the card as used (see HandledMessage).
 * Only a click gets a note: typed commands have no card to update.
 */
export async function handleChatMessage(deps: CoreDeps, msg: IncomingChatMessage, commands: readonly ChatCommand[] = COMMANDS): Promise<HandledMessage> {
  const handled = await route({ deps, commands }, msg);
  if (typeof handled === 'string') return { outcome: handled };
  return msg.action ? handled : { outcome: handled.outcome };
}

/** What one read tells about the sender (LiveAgentState.getParticipant). */
type Sender = Awaited<ReturnType<LiveAgentState['getParticipant']>>;

/** The core's ports and the command registry, as the router passes them along. */
interface Router {
  readonly deps: CoreDeps;
  readonly commands: readonly ChatCommand[];
}

async function route(router: Router, received: IncomingChatMessage): Promise<Handled> {
  let msg = received;
  const { deps } = router;
  // One read for both: whether the sender is a user in a conversation or a live agent.
  const sender = await deps.state.getParticipant(msg.from);
  // People are stored by channel, tenant and user, while a tenant may serve several projects (one bot each):
  // a message that came through another project's binding must not act as, or for, this person here.
  const elsewhere = [sender.conversation?.value.projectId, sender.operator?.value.projectId].find((p) => p !== undefined && p !== msg.projectId);
  if (elsewhere !== undefined) {
    deps.log.warn('message_for_another_project', { deliveryId: msg.id, projectId: msg.projectId, senderProjectId: elsewhere });
    return 'refused';
  }
  // The language Koji answers in, as far as the sender's records tell; a sender with neither is settled below.
  msg = { ...msg, language: sender.conversation?.value.lang ?? sender.operator?.value.lang };
  const conversation = sender.conversation?.value;
  // A rating card's tap belongs to a conversation that ended, whatever the sender has now.
  if (msg.action?.kind === 'rate') {
    // Past the window the invite (and its language) is gone: the clicker's own locale, as far as it is known, speaks then.
    const located = { ...msg, locale: msg.locale ?? sender.kept?.locale };
    return actOnDeliveryOnce(deps, msg, () => rateConversation(deps, located));
  }
  switch (conversation?.state.kind) {
    case 'with-operator':
      if (wantsToLeave(msg)) return actOnDeliveryOnce(deps, msg, () => userEnds(deps, conversation));
      if (msg.action) {
        // An old button ("Talk to an operator", "Create a ticket") is not words for the operator.
        return actOnDeliveryOnce(deps, msg, async () => {
          const name = conversation.state.kind === 'with-operator' ? conversation.state.operatorName : 'an operator';
          await notify(deps, msg.from, { kind: 'notice', text: say(conversation.lang).toUser.alreadyConnected(name), conversationId: conversation.id });
          return 'refused';
        });
      }
      return sender.conversation ? relayFromUser(deps, msg, sender.conversation) : 'failed';
    case 'queued':
    case 'offered':
      if (wantsToLeave(msg)) return actOnDeliveryOnce(deps, msg, () => leaveWithCardNote(leaveQueue(deps, conversation), say(conversation.lang).usedCardNotes.leftQueue));
      // Offer mode: every operator with room passed them over, and they were offered the choice of a ticket
      // (which still holds while a newly free operator is being offered them).
      if (conversation.state.passedOver?.length && takesTicket(msg)) {
        return actOnDeliveryOnce(deps, msg, async () => {
          const waiting = conversation.state.kind === 'offered' ? await withdrawOffer(deps, conversation, 'offerWithdrawn') : conversation;
          const offered = waiting && (await offerTicketInstead(deps, waiting, 'offers-went-round'));
          return offered ? takeTicket(deps, offered) : 'refused';
        });
      }
      return whileQueued(deps, msg, conversation);
    case 'ticket-offered':
      if (takesTicket(msg)) return actOnDeliveryOnce(deps, msg, () => takeTicket(deps, conversation));
      if (wantsToLeave(msg)) return actOnDeliveryOnce(deps, msg, () => leaveWithCardNote(leaveQueue(deps, conversation), say(conversation.lang).usedCardNotes.declinedTicket));
      return afterTicketOffer(router, msg, conversation, sender);
    case undefined:
      break;
  }
  if (sender.operator) return fromOperator(router, msg, sender);
  return fromUserWithBot(router, msg, sender);
}

function takesTicket(msg: IncomingChatMessage): boolean {
  return msg.action?.kind === 'accept-ticket' || (!msg.action && acceptsTicketOffer(msg.text));
}

/** The user takes the offered ticket: it is made from the conversation, which closes once it exists. */
async function takeTicket(deps: CoreDeps, conversation: Conversation): Promise<Handled> {
  await acceptTicketOffer(deps, conversation, await loadSettings(deps, conversation.projectId));
  // The offer closes only once the ticket exists; a failed attempt keeps it open, with no ending.
  if ((await deps.state.getConversation(conversation.user))?.value.id !== conversation.id) {
    const { usedCardNotes } = say(conversation.lang);
    const transcriptNotes = notesFor(conversation);
    await recordEnding(deps, conversation.id, transcriptNotes.acceptedTicket(conversation.userName), conversation);
    return withCardNote('ticket', usedCardNotes.ticketRequested);
  }
  return 'ticket';
}

/**
 * A user offered a ticket who asks for a person again continues the same
 * conversation: what they wrote before and while waiting stays in its
 * transcript, for the operator who takes it and for any ticket. Anything else
 * means they moved on: the offer closes, and the message is read afresh.
 */
async function afterTicketOffer(
  router: Router,
  msg: IncomingChatMessage,
  conversation: Conversation,
  sender: Sender,
): Promise<Handled> {
  const { deps } = router;
  const settings = await loadSettings(deps, conversation.projectId);
  if (settings.enabled && asksForOperator(msg, settings)) return actOnDeliveryOnce(deps, msg, () => askedForOperator(msg, requestOperator(deps, msg, settings)));
  await closeWithoutOperator(deps, conversation, (s) => notesFor(s).backToAssistant(s.userName));
  // Their language was the conversation's: a user back with the bot is heard afresh (their locale, now).
  const afresh = { ...msg, language: sender.operator?.value.lang };
  return sender.operator ? fromOperator(router, afresh, sender) : fromUserWithBot(router, afresh, { ...sender, commentWindow: undefined }, settings);
}

async function fromUserWithBot({ deps, commands }: Router, received: IncomingChatMessage, sender: Sender, loaded?: LiveAgentSettings): Promise<Handled> {
  const { commentWindow } = sender;
  const settings = loaded ?? (await loadSettings(deps, received.projectId));
  // Everything said from here on is the bot's, in the sender's language: their locale's (asked once) or the project's.
  const located = await withSenderLocale(deps, received, sender.kept);
  const msg = { ...located, language: languageFor(located, settings) };
  const { toUser, toOperator } = say(msg.language);
  const typed = msg.action ? undefined : parseOperatorCommand(msg.text, commands);
  if (typed && isOperatorOnly(typed, commands)) {
    return actOnDeliveryOnce(deps, msg, async () => {
      await notify(deps, msg.from, { kind: 'notice', text: toOperator.notAnOperator() });
      return 'refused';
    });
  }
  if (asksForOperator(msg, settings)) {
    return actOnDeliveryOnce(deps, msg, async () => {
      // A new conversation ends the time to comment on the last one's rating: nothing said in it is that comment.
      if (commentWindow) await deps.ratings.closeCommentWindow(msg.from);
      await countEscalation(deps, msg, settings);
      if (settings.enabled) return askedForOperator(msg, requestOperator(deps, msg, settings));
      await notify(deps, msg.from, { kind: 'notice', text: toUser.liveAgentUnavailable() });
      return 'refused';
    });
  }
  if (msg.action?.kind === 'kb-solved') return actOnDeliveryOnce(deps, msg, () => solvedByAnswer(deps, msg, settings));
  if (msg.action?.kind === 'reply-on-ticket') return actOnDeliveryOnce(deps, msg, () => openTicketReply(deps, msg));
  if (msg.action) {
    // A button from a conversation that has since ended.
    return actOnDeliveryOnce(deps, msg, async () => {
      const hint = handoffHint(settings, msg.language);
      const text = msg.action?.kind === 'accept-ticket' ? toUser.noTicketOffered(hint) : toUser.assistantHint(hint);
      await notify(deps, msg.from, { kind: 'notice', text });
      return 'refused';
    });
  }
  // A reply in a follow-up's thread (Slack) is as explicit as the button: it goes on that ticket.
  const threaded = await threadTicket(deps, msg);
  if (threaded) return actOnDeliveryOnce(deps, msg, () => replyOnTicket(deps, msg, threaded, commentWindow?.ticketKey === threaded));
  if (isRatingComment(deps, msg, commentWindow)) return actOnDeliveryOnce(deps, msg, () => commentOnRating(deps, msg, commentWindow));
  const replyKey = ticketReplyKey(deps, msg, commentWindow);
  if (replyKey) return actOnDeliveryOnce(deps, msg, () => replyOnTicket(deps, msg, replyKey));
  // Kept a day, so an operator who later takes this user sees what they already asked.
  // Screened as the conversation they may start will be: an operator's excerpt is read from here.
  const { line } = screenedLine(userLine(msg, msg.senderName ?? msg.from.userId), { autoRedaction: settings.autoRedaction || undefined, deskLang: settings.defaultLanguage });
  const appended = await deps.transcripts.append(recentMessagesId(msg.from), line, { expiresInSeconds: RECENT_MESSAGES_TTL_SECONDS });
  if (appended === 'duplicate') return 'duplicate';
  return answerWithAssistant(deps, msg, settings);
}

async function relayFromUser(deps: CoreDeps, msg: IncomingChatMessage, conversation: Versioned<Conversation>): Promise<MessageOutcome> {
  const lane = userLane(conversation);
  if (!lane) return 'failed';
  const { id, userName, lang } = conversation.value;
  const { line, tell } = screen(deps, userLine(msg, userName), conversation.value, { conversationId: id, sender: msg.from, lang });
  if ((await deps.transcripts.append(id, line, lineKept(conversation.value))) === 'duplicate') {
    await relayRetried(deps, lane);
    return 'duplicate';
  }
  const relayed = await relayLine(deps, lane, line);
  await tell();
  return relayed;
}

async function relayFromOperator(deps: CoreDeps, msg: IncomingChatMessage, operator: Versioned<Operator>): Promise<Handled> {
  const addressed = addressedTo(operator.value, msg);
  const target = addressed ? { kind: 'one' as const, assignment: addressed.assignment } : targetConversation(operator.value, msg.conversationId);
  if (target.kind !== 'one') {
    return actOnDeliveryOnce(deps, msg, async () => {
      await replyAboutTarget(deps, operator.value, target);
      return 'refused';
    });
  }
  const { assignment } = target;
  const lane = operatorLane(operator, assignment.sessionId);
  if (!lane) return 'failed';
  const typed: TranscriptLine = {
    id: msg.id,
    at: msg.sentAt,
    role: 'operator',
    speakerName: operator.value.displayName,
    speaker: operator.value.participant,
    text: withLiteralHash(addressed?.text ?? msg.text),
    ...(msg.links ? { links: msg.links } : {}),
    attachments: msg.attachments,
  };
  const { line, tell } = screen(deps, typed, assignment, { conversationId: assignment.sessionId, sender: operator.value.participant, lang: operator.value.lang });
  if ((await deps.transcripts.append(assignment.sessionId, line, lineKept(assignment))) === 'duplicate') {
    await relayRetried(deps, lane);
    return 'duplicate';
  }
  const relayed = await relayLine(deps, lane, line);
  await tell();
  return relayed;
}

async function fromOperator(router: Router, received: IncomingChatMessage, sender: Sender): Promise<Handled> {
  const { deps, commands } = router;
  const versioned = sender.operator;
  if (!versioned) return 'failed';
  // Free on duty, anything they send shows they are there (idle auto-away); with a conversation, nothing is written.
  await noteOperatorActivity(deps, versioned);
  const operator = versioned.value;
  // "Bob: stop" names the conversation a command is for, as a card's button does.
  const addressed = received.action ? undefined : addressedTo(operator, received, 1);
  const typedCommand = addressed ? parseOperatorCommand(addressed.text, commands) : undefined;
  const msg = typedCommand && addressed ? { ...received, text: addressed.text, conversationId: addressed.assignment.sessionId } : received;
  const command = commandFromAction(msg, commands) ?? typedCommand ?? parseOperatorCommand(msg.text, commands);
  if (!command) return relayFromOperator(deps, received, versioned);
  return actOnDeliveryOnce(deps, msg, () => runOperatorCommand(deps, operator, msg, command, commands, sender.kept));
}

async function whileQueued(deps: CoreDeps, msg: IncomingChatMessage, conversation: Conversation): Promise<Handled> {
  const settings = await loadSettings(deps, conversation.projectId);
  if (asksForOperator(msg, settings)) {
    const { toUser, usedCardNotes } = say(conversation.lang);
    return actOnDeliveryOnce(deps, msg, async () => {
      const position = conversation.state.kind === 'offered' ? undefined : await queuePosition(deps, conversation.projectId, conversation.id);
      const text = conversation.state.kind === 'offered' ? toUser.beingConnected() : position !== undefined ? toUser.stillQueued(position) : undefined;
      if (text) await notify(deps, msg.from, { kind: 'notice', text, conversationId: conversation.id });
      return withCardNote('handoff', usedCardNotes.askedForOperator);
    });
  }
  if (msg.action) return 'refused';
  // What a waiting user writes is part of the conversation the operator will see.
  const { line, tell } = screen(deps, userLine(msg, conversation.userName), conversation, { conversationId: conversation.id, sender: msg.from, lang: conversation.lang });
  const appended = await deps.transcripts.append(conversation.id, line, lineKept(conversation));
  if (appended === 'duplicate') return 'duplicate';
  await tell();
  return 'recorded';
}

async function userEnds(deps: CoreDeps, conversation: Conversation): Promise<Handled> {
  const ended = await endConversation(deps, conversation.user, conversation.id, 'user-left', await loadSettings(deps, conversation.projectId));
  return ended ? withCardNote('left', say(conversation.lang).usedCardNotes.youEnded) : 'left';
}
