import { MAX_FORWARD_NOTE_CHARS, type ForwardTarget } from '../../domain/chat-command';
import { handedBack } from '../../domain/conversation';
import { assignmentOf, withoutAssignment, type Assignment, type Operator } from '../../domain/operator';
import { participantKey, sameParticipant } from '../../domain/participant';
import type { Language } from '../../domain/language';
import { notesFor, say } from '../../domain/replies';
import type { LiveAgentSettings } from '../../domain/settings';
import type { TranscriptLine } from '../../domain/transcript';
import { LOST_RACE, untilCommitted } from '../compare-and-set';
import { senderSideOf } from '../delivery/lane';
import { tellDroppedBacklog } from '../delivery/notices';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';
import { dispatchQueue } from '../queue/dispatch-queue';
import { recordSystemLine } from '../transcript/system-line';
import { lineKept } from '../history/record-history';

/** What a forward with a note must not be: empty, too long, or a note with nobody named to read it. */
export function noteRefusal(note: string, target: ForwardTarget | undefined, language: Language | undefined): string | undefined {
  const { toOperator } = say(language);
  if (note.length > MAX_FORWARD_NOTE_CHARS) return toOperator.forwardNoteTooLong(MAX_FORWARD_NOTE_CHARS);
  return target === undefined ? toOperator.forwardNoteWithoutTarget() : undefined;
}

/** The forwarding operator's note for whoever takes over: internal, so never relayed, and on a ticket only internally. */
export async function recordForwardNote(deps: CoreDeps, conversationId: string, from: Operator, note: string, kept: { readonly keepDays?: number | undefined }): Promise<void> {
  const at = deps.clock.now();
  const line: TranscriptLine = { id: `forward-note-${at}`, at, role: 'operator', speakerName: from.displayName, speaker: from.participant, text: note, internal: true };
  await deps.transcripts.append(conversationId, line, lineKept(kept));
}

/**
 * `forward_operator anyone`: the user goes back to the front of the queue, for the next operator other than the
 * one forwarding (who is passed over for this user, as a decline is), and is told so. With nobody else on duty,
 * the user stays with the operator, who is told why.
 */
export async function forwardToQueue(
  deps: CoreDeps,
  from: Operator,
  assignment: Assignment,
  settings: LiveAgentSettings,
  note: string | undefined,
): Promise<{ readonly kind: 'forwarded'; readonly toName: string } | { readonly kind: 'refused' }> {
  const result = await untilCommitted(async () => {
    const others = (await deps.state.operatorsForRouting(from.projectId, { limit: 2 })).items.filter((o) => !sameParticipant(o.value.participant, from.participant));
    if (others.length === 0) return { kind: 'refused' as const, reply: say(from.lang).toOperator.nobodyElseOnDuty(assignment.userName) };
    const [holder, conversation] = await Promise.all([deps.state.getOperator(from.participant), deps.state.getConversation(assignment.user)]);
    const held = holder && assignmentOf(holder.value, assignment.sessionId);
    if (!holder || !held || conversation?.value.id !== assignment.sessionId) {
      return { kind: 'refused' as const, reply: say(from.lang).toOperator.notInConversation(holder?.value.duty ?? 'off') };
    }
    const now = deps.clock.now();
    const waiting = handedBack(conversation.value, { kind: 'queued', since: conversation.value.requestedAt, enteredAt: now, passedOver: [participantKey(from.participant)] });
    const ok = await deps.state.commit([
      { kind: 'put-conversation', conversation: waiting, expected: conversation.version },
      { kind: 'put-operator', operator: withoutAssignment(holder.value, assignment.sessionId, now), expected: holder.version },
    ]);
    return ok ? { kind: 'forwarded' as const, conversation: waiting, dropped: held.backlog } : LOST_RACE;
  });
  if (result.kind === 'refused') {
    await notify(deps, from.participant, { kind: 'notice', text: result.reply, conversationId: assignment.sessionId });
    return result;
  }
  const { conversation, dropped } = result;
  await recordSystemLine(deps, conversation.id, 'forwarded', notesFor(conversation).forwardedToQueue(from.displayName), conversation);
  if (note !== undefined) await recordForwardNote(deps, conversation.id, from, note, conversation);
  if (dropped) await tellDroppedBacklog(deps, senderSideOf('to-user', from.participant, conversation.userName, conversation.id, from.lang), dropped, 'forwarded');
  await notify(deps, conversation.user, { kind: 'notice', text: say(conversation.lang).toUser.passedToQueue(from.displayName), conversationId: conversation.id });
  await notify(deps, from.participant, { kind: 'notice', text: say(from.lang).toOperator.forwardedToQueue(conversation.userName), conversationId: conversation.id });
  await dispatchQueue(deps, from.projectId, settings);
  return { kind: 'forwarded', toName: 'the queue' };
}
