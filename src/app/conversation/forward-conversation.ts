import { comparableName } from '../../domain/text';
import type { ForwardTarget } from '../../domain/chat-command';
import { assignmentOf, hasFreeCapacity, withAssignment, withoutAssignment, type Assignment, type Operator } from '../../domain/operator';
import { eligibleOperators, sortForDisplay } from '../../domain/operator-selection';
import { parseParticipantKey, participantKey, sameParticipant } from '../../domain/participant';
import { notesFor, say } from '../../domain/replies';
import type { LiveAgentSettings } from '../../domain/settings';
import type { Backlog, Conversation } from '../../domain/conversation';
import { senderSideOf } from '../delivery/lane';
import { tellDroppedBacklog } from '../delivery/notices';
import { LOST_RACE, untilCommitted } from '../compare-and-set';
import { operatorButtons } from './connect-to-operator';
import { dispatchQueue } from '../queue/dispatch-queue';
import { handoverExcerpt, handoverText } from '../transcript/handover-excerpt';
import { notify } from '../delivery/notify';
import type { CoreDeps, Versioned } from '../ports';
import { recordSystemLine } from '../transcript/system-line';
import { forwardToQueue, noteRefusal, recordForwardNote } from './forward-to-queue';

/** What a forward came to, for whoever asked: a pick list shown, the conversation moved, or a refusal told. */
export type ForwardOutcome =
  | { readonly kind: 'choices-offered' }
  | { readonly kind: 'forwarded'; readonly toName: string }
  | { readonly kind: 'refused' };

type ForwardResult =
  | {
      readonly kind: 'forwarded';
      readonly conversation: Conversation;
      readonly from: Operator;
      readonly to: Operator;
      /** The forwarding operator's messages that were still waiting to reach the user. */
      readonly dropped?: Backlog | undefined;
    }
  | { readonly kind: 'refused'; readonly reply: string };

/**
 * `forward_operator`: without a target, lists who could take the conversation;
 * with one, moves the conversation to that operator, who gets the transcript so
 * far, while the user is told who took over and the first operator is free.
 */
export async function forwardConversation(
  deps: CoreDeps,
  from: Operator,
  assignment: Assignment,
  target: ForwardTarget | undefined,
  settings: LiveAgentSettings,
  /** For the next operator only (after the colon): an internal line of the transcript, and on their card. */
  note?: string,
): Promise<ForwardOutcome> {
  const refusal = note === undefined ? undefined : noteRefusal(note, target, from.lang);
  if (refusal) {
    await notify(deps, from.participant, { kind: 'notice', text: refusal, conversationId: assignment.sessionId });
    return { kind: 'refused' };
  }
  if (!target) {
    return (await offerChoices(deps, from, assignment, settings)) ? { kind: 'choices-offered' } : { kind: 'refused' };
  }
  if (target.by === 'queue') return forwardToQueue(deps, from, assignment, settings, note);
  const result = await untilCommitted(() => attemptForward(deps, from, assignment, target, settings));
  if (result.kind === 'refused') {
    await notify(deps, from.participant, { kind: 'notice', text: result.reply, conversationId: assignment.sessionId });
    return { kind: 'refused' };
  }
  const { conversation, to, dropped } = result;
  await recordSystemLine(deps, conversation.id, 'forwarded', notesFor(conversation).forwarded(from.displayName, to.displayName), conversation);
  if (dropped) {
    await tellDroppedBacklog(deps, senderSideOf('to-user', from.participant, conversation.userName, conversation.id, from.lang), dropped, 'forwarded');
  }
  // The transcript so far, as much as one message holds (see handover-excerpt.ts); the rest is named, not dropped.
  const excerpt = await handoverExcerpt(deps, conversation.id);
  // After the excerpt: the card shows the note once, at its head.
  if (note !== undefined) await recordForwardNote(deps, conversation.id, from, note, conversation);
  await notify(deps, conversation.user, { kind: 'notice', text: say(conversation.lang).toUser.takenOver(to.displayName), conversationId: conversation.id });
  const toTheirs = say(to.lang).toOperator;
  const forwarded = toTheirs.forwardedToYou(from.displayName, conversation.userName, conversation.user.channel);
  await notify(deps, to.participant, {
    kind: 'request',
    text: handoverText(note === undefined ? forwarded : `${forwarded}\n${toTheirs.forwardNote(from.displayName, note)}`, conversation, excerpt, to.lang),
    conversationId: conversation.id,
    excerpt: excerpt.lines,
    buttons: operatorButtons(to.lang),
  });
  await notify(deps, from.participant, {
    kind: 'notice',
    text: say(from.lang).toOperator.forwarded(conversation.userName, to.displayName),
    conversationId: conversation.id,
  });
  await dispatchQueue(deps, from.projectId, settings);
  return { kind: 'forwarded', toName: to.displayName };
}

/** False when nobody could take the conversation (the operator is told so). */
async function offerChoices(deps: CoreDeps, from: Operator, assignment: Assignment, settings: LiveAgentSettings): Promise<boolean> {
  const choices = await forwardCandidates(deps, from, settings);
  if (choices.length === 0) {
    await notify(deps, from.participant, { kind: 'notice', text: say(from.lang).toOperator.nobodyToForwardTo(), conversationId: assignment.sessionId });
    return false;
  }
  await notify(deps, from.participant, {
    kind: 'choice',
    text: say(from.lang).toOperator.forwardChoices(choices.map((c) => c.displayName)),
    conversationId: assignment.sessionId,
    buttons: choices.map((c) => ({ action: 'forward', label: c.displayName, value: participantKey(c.participant) })),
  });
  return true;
}

/** The numbered list an operator picks from: other on-duty operators with room, by name. */
async function forwardCandidates(deps: CoreDeps, from: Operator, settings: LiveAgentSettings): Promise<Operator[]> {
  const onDuty = await deps.state.operatorsByDuty(from.projectId, 'on');
  return sortForDisplay(eligibleOperators(onDuty.map((o) => o.value), settings.operatorCapacity, { excluding: from.participant }));
}

async function attemptForward(
  deps: CoreDeps,
  from: Operator,
  assignment: Assignment,
  target: ForwardTarget,
  settings: LiveAgentSettings,
): Promise<ForwardResult | typeof LOST_RACE> {
  const resolved = await resolveTarget(deps, from, target, settings);
  if (resolved.kind === 'refused') return resolved;
  const to = resolved.operator;
  if (sameParticipant(to.value.participant, from.participant)) return { kind: 'refused', reply: say(from.lang).toOperator.forwardToSelf() };
  if (to.value.duty !== 'on') return { kind: 'refused', reply: say(from.lang).toOperator.forwardOffDuty(to.value.displayName) };
  if (!hasFreeCapacity(to.value, settings.operatorCapacity)) {
    return { kind: 'refused', reply: say(from.lang).toOperator.forwardAtCapacity(to.value.displayName) };
  }

  const [holder, conversation] = await Promise.all([
    deps.state.getOperator(from.participant),
    deps.state.getConversation(assignment.user),
  ]);
  const held = holder && assignmentOf(holder.value, assignment.sessionId);
  if (!holder || !held || !conversation || conversation.value.id !== assignment.sessionId) {
    return { kind: 'refused', reply: say(from.lang).toOperator.notInConversation(holder?.value.duty ?? 'off') };
  }
  const now = deps.clock.now();
  const moved: Conversation = {
    ...conversation.value,
    state: { kind: 'with-operator', operator: to.value.participant, operatorName: to.value.displayName, operatorLang: to.value.lang, since: now },
  };
  const freed = withoutAssignment(holder.value, assignment.sessionId, now);
  // The new operator starts with no backlog of the old one's: what was waiting stays in the transcript they receive.
  const { backlog: dropped, ...kept } = held;
  const taking = withAssignment(to.value, { ...kept, since: now });
  const ok = await deps.state.commit([
    { kind: 'put-conversation', conversation: moved, expected: conversation.version },
    { kind: 'put-operator', operator: freed, expected: holder.version },
    { kind: 'put-operator', operator: taking, expected: to.version },
  ]);
  return ok ? { kind: 'forwarded', conversation: moved, from: freed, to: taking, dropped } : LOST_RACE;
}

async function resolveTarget(
  deps: CoreDeps,
  from: Operator,
  target: ForwardTarget,
  settings: LiveAgentSettings,
): Promise<{ kind: 'found'; operator: Versioned<Operator> } | { kind: 'refused'; reply: string }> {
  const unknown = (label: string) => ({ kind: 'refused' as const, reply: say(from.lang).toOperator.forwardUnknown(label) });
  switch (target.by) {
    case 'queue':
      // Handled before any operator is looked up (forwardToQueue).
      return unknown('anyone');
    case 'number': {
      const chosen = (await forwardCandidates(deps, from, settings))[target.number - 1];
      const found = chosen && (await deps.state.getOperator(chosen.participant));
      return found ? { kind: 'found', operator: found } : unknown(String(target.number));
    }
    case 'key': {
      const participant = parseParticipantKey(target.key);
      const found = participant && (await deps.state.getOperator(participant));
      return found && found.value.projectId === from.projectId ? { kind: 'found', operator: found } : unknown(target.key);
    }
    case 'user-id': {
      // A mention names someone in the forwarding operator's own workspace.
      const found = await deps.state.getOperator({ ...from.participant, userId: target.userId });
      return found && found.value.projectId === from.projectId ? { kind: 'found', operator: found } : unknown(`<@${target.userId}>`);
    }
    case 'name': {
      const wanted = comparableName(target.name);
      for (const duty of ['on', 'off'] as const) {
        const operators = await deps.state.operatorsByDuty(from.projectId, duty);
        const exact = operators.filter((o) => comparableName(o.value.displayName) === wanted);
        const partial = operators.filter((o) => comparableName(o.value.displayName).startsWith(wanted));
        const match = exact.length === 1 ? exact[0] : exact.length === 0 && partial.length === 1 ? partial[0] : undefined;
        if (match) return { kind: 'found', operator: match };
      }
      return unknown(target.name);
    }
  }
}
