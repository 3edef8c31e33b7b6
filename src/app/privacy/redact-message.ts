import type { Assignment, Operator } from '../../domain/operator';
import { sameParticipant } from '../../domain/participant';
import { say } from '../../domain/replies';
import { isAfter, type TranscriptLine } from '../../domain/transcript';
import type { MessageOutcome } from '../conversation/incoming-message';
import { notify } from '../delivery/notify';
import { replaceCopies } from '../edits/relayed-copy';
import { relayParts } from '../delivery/send-line';
import { noteOnTicket, sentAtOnTicket } from '../edits/ticket-note';
import { lineKept } from '../history/record-history';
import type { CoreDeps } from '../ports';
import { systemLineId } from '../transcript/transcript-ids';

/** `#redact 10` reaches this far back among the user's messages; further back, the History tab's transcript. */
export const MAX_REDACT_BACK = 10;

/** How many of the conversation's newest lines are read to find the user's messages (one index page). */
const LINES_READ = 100;

/**
 * An operator redacts the user's `back`-th last message (1: the last) in a conversation they hold: its transcript
 * line keeps only "[redacted by Uma at 10:42 UTC]" (the desk's language), none of its words, links or files; the
 * copy Koji posted in the operator's chat reads the same (relayed-copy.ts); a ticket that already holds it gets
 * an internal note asking the service desk to remove it by hand; the transcript gets an internal note of who
 * redacted. The user's own message stays in their chat: no platform lets a bot change a person's message, and
 * the operator is told so. `back` undefined: the argument was not a number from 1 to MAX_REDACT_BACK.
 *
 * Cost: one transcript read (the last LINES_READ lines), the line found by key, the user's conversation (its
 * ticket), then the revision and the note (two writes), the copy (Slack: conversations.open, one history call and one update; Teams:
 * one read and one PUT; once more per further part of a long message, removed) and the confirmation.
 */
export async function redactMessage(deps: CoreDeps, operator: Operator, assignment: Assignment, back: number | undefined): Promise<MessageOutcome> {
  const conversationId = assignment.sessionId;
  const { redactionReplies } = say(operator.lang);
  if (back === undefined) {
    await notify(deps, operator.participant, { kind: 'notice', text: redactionReplies.redactTakesANumber(MAX_REDACT_BACK), conversationId });
    return 'refused';
  }
  const target = (await usersLines(deps, assignment)).at(-back);
  const [stored] = target ? await deps.transcripts.findLines([{ conversationId, lineId: target.id }]) : [];
  if (!target || !stored) {
    await notify(deps, operator.participant, { kind: 'notice', text: redactionReplies.nothingToRedact(assignment.userName, MAX_REDACT_BACK), conversationId });
    return 'refused';
  }
  const held = await deps.state.getConversation(assignment.user);
  const conversation = held?.value.id === conversationId ? held.value : undefined;
  const desk = say(conversation?.deskLang ?? assignment.deskLang).redactionReplies;
  const now = deps.clock.now();
  const marker = `[${desk.redactedBy(operator.displayName, `${new Date(now).toISOString().slice(11, 16)} UTC`)}]`;
  const { links: _links, attachments: _files, editedAt: _edited, ...rest } = stored.line;
  await deps.transcripts.reviseLine(stored, { ...rest, text: marker, redactedAt: now });
  const note: TranscriptLine = { id: systemLineId('redacted', now), at: now, role: 'system', speakerName: 'Koji', text: desk.redactedNote(operator.displayName), internal: true };
  await deps.transcripts.append(conversationId, note, lineKept(assignment));
  // Every post a long message went out as: the first reads the marker, the others are removed.
  const parts = relayParts(stored.line.text).length;
  const copy = await replaceCopies(deps, operator.participant, { conversationId, lineId: target.id, since: target.at, parts }, [
    { kind: 'relay', text: marker, senderName: assignment.userName, conversationId, lineId: target.id },
  ]);
  const ticket = conversation?.ticket;
  const onTicket = ticket !== undefined && !isAfter(target, ticket.coveredThrough);
  if (ticket && onTicket) {
    await noteOnTicket(deps, ticket.key, conversationId, { kind: 'redact', at: now, text: desk.ticketNote(operator.displayName, assignment.userName, sentAtOnTicket(target.at)) });
  }
  const sentAt = `${new Date(target.at).toISOString().slice(11, 16)} UTC`;
  await notify(deps, operator.participant, { kind: 'notice', text: redactionReplies.redacted(assignment.userName, sentAt, copy === 'replaced', onTicket), conversationId });
  return 'command';
}

/** The user's messages among the conversation's newest lines, oldest first; those already deleted or redacted are passed over. */
async function usersLines(deps: CoreDeps, assignment: Assignment): Promise<TranscriptLine[]> {
  const lines = await deps.transcripts.read(assignment.sessionId, { last: LINES_READ });
  return lines.filter(
    (l) => l.role === 'user' && l.internal !== true && l.speaker !== undefined && sameParticipant(l.speaker, assignment.user) && l.deletedAt === undefined && l.redactedAt === undefined,
  );
}
