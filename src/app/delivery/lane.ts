import type { Backlog, Conversation, TranscriptCursor } from '../../domain/conversation';
import { assignmentOf, type Operator } from '../../domain/operator';
import type { Language } from '../../domain/language';
import type { Participant } from '../../domain/participant';
import { compareLines, type SpeakerRole, type TranscriptLine } from '../../domain/transcript';
import type { CoreDeps, StateWrite, Versioned } from '../ports';

/** One direction of one conversation: whose record holds its backlog. */
export type LaneRef =
  | { readonly direction: 'to-operator'; readonly user: Participant; readonly conversationId: string }
  | { readonly direction: 'to-user'; readonly operator: Participant; readonly conversationId: string };

/** A lane as read from its record, with what sending on it needs. */
export interface Lane {
  readonly ref: LaneRef;
  readonly to: Participant;
  readonly sender: Participant;
  /** Shown on relayed messages: who wrote them. */
  readonly senderName: string;
  /** Told to the sender when something did not reach them. */
  readonly recipientName: string;
  /** The sender's language, for what they are told; the recipient's, for what the platform shows them (a file's consent card). */
  readonly senderLang?: Language | undefined;
  readonly recipientLang?: Language | undefined;
  readonly role: SpeakerRole;
  /** The conversation's retention (Conversation.keepDays), for lines written on this lane. */
  readonly keepDays?: number | undefined;
  readonly backlog?: Backlog | undefined;
  /** The compare-and-set that replaces the backlog (none: it ends). */
  readonly replace: (backlog: Backlog | undefined) => StateWrite;
}

/** What telling a sender about waiting messages needs of a lane. */
export type SenderSide = Pick<Lane, 'sender' | 'recipientName' | 'ref' | 'senderLang'>;

/**
 * The sending side of a lane, for code that holds the records rather than a
 * lane: a user writing to their operator (`to-operator`) or an operator
 * writing to a user (`to-user`).
 */
export function senderSideOf(
  direction: LaneRef['direction'],
  sender: Participant,
  recipientName: string,
  conversationId: string,
  senderLang: Language | undefined,
): SenderSide {
  const ref: LaneRef = direction === 'to-operator' ? { direction, user: sender, conversationId } : { direction, operator: sender, conversationId };
  return { sender, recipientName, ref, senderLang };
}

export function userLane(conversation: Versioned<Conversation>): Lane | undefined {
  const s = conversation.value;
  if (s.state.kind !== 'with-operator') return undefined;
  const state = s.state;
  return {
    ref: { direction: 'to-operator', user: s.user, conversationId: s.id },
    to: state.operator,
    sender: s.user,
    senderName: s.userName,
    recipientName: state.operatorName,
    senderLang: s.lang,
    recipientLang: state.operatorLang,
    role: 'user',
    keepDays: s.keepDays,
    backlog: state.backlog,
    replace: (backlog) => {
      const { backlog: _old, ...rest } = state;
      return { kind: 'put-conversation', conversation: { ...s, state: backlog ? { ...rest, backlog } : rest }, expected: conversation.version };
    },
  };
}

export function operatorLane(operator: Versioned<Operator>, conversationId: string): Lane | undefined {
  const op = operator.value;
  const assignment = assignmentOf(op, conversationId);
  if (!assignment) return undefined;
  return {
    ref: { direction: 'to-user', operator: op.participant, conversationId },
    to: assignment.user,
    sender: op.participant,
    senderName: op.displayName,
    recipientName: assignment.userName,
    senderLang: op.lang,
    recipientLang: assignment.userLang,
    role: 'operator',
    keepDays: assignment.keepDays,
    backlog: assignment.backlog,
    replace: (backlog) => {
      const assignments = op.assignments.map((a) => {
        if (a.sessionId !== conversationId) return a;
        const { backlog: _old, ...rest } = a;
        return backlog ? { ...rest, backlog } : rest;
      });
      return { kind: 'put-operator', operator: { ...op, assignments }, expected: operator.version };
    },
  };
}

export async function readLane(deps: CoreDeps, ref: LaneRef): Promise<Lane | undefined> {
  if (ref.direction === 'to-operator') {
    const conversation = await deps.state.getConversation(ref.user);
    return conversation && conversation.value.id === ref.conversationId ? userLane(conversation) : undefined;
  }
  const operator = await deps.state.getOperator(ref.operator);
  return operator && operatorLane(operator, ref.conversationId);
}

/** The waiting list with `line` in its place in transcript order (once). */
export function withLine(waiting: readonly TranscriptCursor[], line: TranscriptCursor): TranscriptCursor[] {
  if (waiting.some((w) => w.id === line.id)) return [...waiting];
  return [...waiting, { at: line.at, id: line.id }].sort(compareCursors);
}

function compareCursors(a: TranscriptCursor, b: TranscriptCursor): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The listed lines, in transcript order; ids the transcript no longer has are dropped with the next write. */
export async function waitingLines(deps: CoreDeps, lane: Pick<Lane, 'ref'>, backlog: Backlog): Promise<TranscriptLine[]> {
  const [first] = backlog.waiting;
  if (!first) return [];
  const ids = new Set(backlog.waiting.map((w) => w.id));
  const lines = await deps.transcripts.read(lane.ref.conversationId, { after: { at: first.at, id: '' } });
  return lines.filter((l) => ids.has(l.id)).sort(compareLines);
}
