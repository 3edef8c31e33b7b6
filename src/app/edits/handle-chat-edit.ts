import type { Conversation } from '../../domain/conversation';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import { sameParticipant, type Participant } from '../../domain/participant';
import { notesFor } from '../../domain/replies';
import { clipText } from '../../domain/text';
import { isAfter, type TranscriptLine } from '../../domain/transcript';
import { relayParts } from '../delivery/send-line';
import type { CoreDeps, LiveAgentState } from '../ports';
import { recentMessagesId } from '../transcript/transcript-ids';
import { noteOnTicket, sentAtOnTicket } from './ticket-note';
import type { EditOutcome, IncomingChatEdit, StoredLine } from './chat-edit';
import { replaceCopies } from './relayed-copy';
import { screenedLine, tellOnce, type Screening } from '../privacy/screen-line';
import type { Language } from '../../domain/language';
import { loadSettings } from '../settings/project-settings';

/**
 * A person edited or deleted a message they sent: its transcript line follows (the edited text, or its words
 * gone and the line marked deleted), the copy the other side received is replaced or removed while the
 * conversation runs, and a ticket that already holds the message gets one internal comment saying so (Jira's
 * comments are Jira's: the app does not rewrite them).
 *
 * The line is found by key, never by a scan: its id is the message's own (IncomingChatMessage.id), so the
 * places it can be are the sender's running conversation (as a user), their assigned conversations (as an
 * operator), their recent words to the bot (screened by the project's settings: one read more, only for someone
 * in no conversation and no operator), and their latest ended conversation (one history read): one batch read of
 * those keys. A message Koji did not record (a command, one older than the conversation) is ignored
 * quietly. Each delivery is acted on once (the delivery log); an edit older than the line's last one, or of a
 * deleted message, changes nothing.
 */
export async function handleChatEdit(deps: CoreDeps, edit: IncomingChatEdit): Promise<EditOutcome> {
  const sender = await deps.state.getParticipant(edit.from);
  const elsewhere = [sender.conversation?.value.projectId, sender.operator?.value.projectId].find((p) => p !== undefined && p !== edit.projectId);
  if (elsewhere !== undefined) {
    deps.log.warn('edit_for_another_project', { deliveryId: edit.id, projectId: edit.projectId });
    return 'refused';
  }
  const places = [...(await placesOf(deps, edit, sender)), ...(await endedPlace(deps, edit, sender.operator !== undefined))].slice(0, 25);
  const found = await deps.transcripts.findLines(places.map((p) => ({ conversationId: p.conversationId, lineId: edit.lineId })));
  const theirs = found.filter((f) => f.line.role !== 'system' && f.line.speaker !== undefined && sameParticipant(f.line.speaker, edit.from));
  if (theirs.length === 0) return 'ignored';
  // A message an operator redacted stays redacted: its sender's later edit does not bring words back.
  const current = theirs.filter((f) => f.line.deletedAt === undefined && f.line.redactedAt === undefined && (f.line.editedAt ?? 0) < edit.at);
  if (current.length === 0 || !(await deps.deliveries.claim(edit.id))) return 'duplicate';
  try {
    for (const stored of current) await follow(deps, edit, stored, places.find((p) => p.conversationId === stored.conversationId));
  } catch (error) {
    await deps.deliveries.release(edit.id);
    throw error;
  }
  return edit.change.kind;
}

/** Where the sender's line may be: who got a copy of it (while the conversation runs), and the conversation whose ticket may hold it. */
interface Place {
  readonly conversationId: string;
  readonly copyTo?: Participant | undefined;
  readonly senderName?: string | undefined;
  /** The conversation's auto-redaction, for the edited words (privacy/screen-line.ts), and the sender's language. */
  readonly screening?: Screening | undefined;
  readonly senderLang?: Language | undefined;
  readonly conversation?: (() => Promise<Pick<Conversation, 'ticket' | 'deskLang'> | undefined>) | undefined;
}

type Sender = Awaited<ReturnType<LiveAgentState['getParticipant']>>;

async function placesOf(deps: CoreDeps, edit: IncomingChatEdit, sender: Sender): Promise<Place[]> {
  const { from } = edit;
  const places: Place[] = [];
  const conversation = sender.conversation?.value;
  if (conversation) {
    const copyTo = conversation.state.kind === 'with-operator' ? conversation.state.operator : undefined;
    places.push({ conversationId: conversation.id, copyTo, senderName: conversation.userName, screening: conversation, senderLang: conversation.lang, conversation: () => Promise.resolve(conversation) });
  } else if (!sender.operator) {
    // Words to the bot before any conversation are screened by the project's setting now, as when they were written.
    const settings = await loadSettings(deps, edit.projectId);
    places.push({ conversationId: recentMessagesId(from), screening: { autoRedaction: settings.autoRedaction || undefined, deskLang: settings.defaultLanguage } });
  }
  for (const a of sender.operator?.value.assignments ?? []) {
    const read = async () => {
      const held = await deps.state.getConversation(a.user);
      return held?.value.id === a.sessionId ? held.value : undefined;
    };
    places.push({ conversationId: a.sessionId, copyTo: a.user, senderName: sender.operator?.value.displayName, screening: a, senderLang: sender.operator?.value.lang, conversation: read });
  }
  return places;
}

/** The sender's latest ended conversation, whose ticket may hold the message (one history read); none without history. */
async function endedPlace(deps: CoreDeps, edit: IncomingChatEdit, asOperator: boolean): Promise<Place[]> {
  if (!deps.history) return [];
  const { items } = await deps.history.find({ projectId: edit.projectId, person: { role: asOperator ? 'operator' : 'user', participant: edit.from }, limit: 1 });
  const ended = items[0];
  if (!ended) return [];
  // Everything said in an ended conversation with a ticket is on that ticket.
  const coveredThrough = { at: Number.MAX_SAFE_INTEGER, id: '' };
  const ticket = ended.ticket && { ...ended.ticket, coveredThrough };
  return [{ conversationId: ended.conversationId, screening: ended, conversation: () => Promise.resolve(ticket ? { ticket, deskLang: ended.deskLang } : undefined) }];
}

async function follow(deps: CoreDeps, edit: IncomingChatEdit, stored: StoredLine, place: Place | undefined): Promise<void> {
  const screened = screenedLine(revisedLine(stored.line, edit), place?.screening ?? {});
  const revised = screened.line;
  await deps.transcripts.reviseLine(stored, revised);
  const { conversationId } = stored;
  if (place?.copyTo) {
    const replacement = edit.change.kind === 'deleted' ? 'remove' : relayedAgain(revised, conversationId, place.senderName ?? revised.speakerName);
    const parts = relayParts(stored.line.text).length;
    await replaceCopies(deps, place.copyTo, { conversationId, lineId: revised.id, since: revised.at, parts }, replacement);
    await tellOnce(deps, { conversationId, sender: edit.from, lang: place.senderLang }, screened.found);
  }
  const conversation = await place?.conversation?.();
  const ticket = conversation?.ticket;
  if (!conversation || !ticket || isAfter(stored.line, ticket.coveredThrough)) return;
  const notes = notesFor(conversation);
  const sentAt = sentAtOnTicket(stored.line.at);
  const text = edit.change.kind === 'edited' ? notes.messageEdited(revised.speakerName, sentAt, clipText(revised.text, 2000)) : notes.messageDeleted(revised.speakerName, sentAt);
  // The line and the copy already follow the edit; the ticket's note is told in the log, never a failed delivery.
  await noteOnTicket(deps, ticket.key, conversationId, { kind: 'edit', at: edit.at, text });
}

/** The line as the edit leaves it: the new words (and links), or none at all once deleted. */
export function revisedLine(line: TranscriptLine, edit: Pick<IncomingChatEdit, 'at' | 'change'>): TranscriptLine {
  const { links: _links, attachments: _files, editedAt: _edited, ...rest } = line;
  if (edit.change.kind === 'deleted') return { ...rest, text: '', deletedAt: edit.at };
  return { ...rest, ...(line.attachments ? { attachments: line.attachments } : {}), text: edit.change.text, ...(edit.change.links ? { links: edit.change.links } : {}), editedAt: edit.at };
}

/**
 * The copies' new content, part by part: the relay of the edited line. Each post the message went out as takes
 * the edited text's part in its place, and a post beyond the edited text's parts is removed; an edit that makes
 * the message longer than its posts shows its first parts (a bot cannot insert a post among the chat's).
 */
function relayedAgain(line: TranscriptLine, conversationId: string, senderName: string): OutgoingMessage[] {
  const parts = relayParts(line.text);
  return parts.map((text) => ({ kind: 'relay', text, ...(line.links && parts.length === 1 ? { links: line.links } : {}), senderName, conversationId, lineId: line.id }));
}
