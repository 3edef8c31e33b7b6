import { redactSecrets, type SecretKind } from '../../domain/auto-redaction';
import type { TextLink } from '../../domain/chat-text';
import type { Language } from '../../domain/language';
import { messageOf } from '../../domain/koji-error';
import type { Participant } from '../../domain/participant';
import { say } from '../../domain/replies';
import type { TranscriptLine } from '../../domain/transcript';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';

/**
 * Automatic redaction on the relay path: a line of a conversation that started with the project's
 * `autoRedaction` on (Conversation.autoRedaction, carried to the operator's Assignment) is screened before it is
 * written, so the transcript, the other side's copy and any ticket only ever hold the markers. The flag and the
 * markers' language come with the record the relay already read: screening costs no read, and a message with
 * nothing to remove no write and no call.
 */
export interface Screening {
  readonly autoRedaction?: true | undefined;
  /** The conversation's desk language: the markers' words (the transcript's, read by every operator and the ticket). */
  readonly deskLang?: Language | undefined;
}

/** Who wrote the line, to be told once per conversation in their language. */
export interface ScreenedSender {
  readonly conversationId: string;
  readonly sender: Participant;
  readonly lang?: Language | undefined;
}

export interface Screened {
  readonly line: TranscriptLine;
  /** Tells the sender, once per conversation, that something was removed; nothing when nothing was. Never throws. */
  readonly tell: () => Promise<void>;
}

/** `line` with secrets removed from its text and its links (a link whose label or address held one goes). */
export function screenedLine(line: TranscriptLine, screening: Screening): { readonly line: TranscriptLine; readonly found: readonly SecretKind[] } {
  if (!screening.autoRedaction) return { line, found: [] };
  const words = say(screening.deskLang).redactionMarkers;
  const text = redactSecrets(line.text, words);
  const links = line.links?.filter((l: TextLink) => redactSecrets(l.text, words).count === 0 && redactSecrets(l.url, words).count === 0);
  if (text.count === 0 && links?.length === line.links?.length) return { line, found: [] };
  const { links: _links, ...rest } = line;
  return { line: { ...rest, text: text.text, ...(links && links.length > 0 ? { links } : {}) }, found: text.found };
}

/** A text a person typed outside a line (an operator's `#create_ticket` summary) with its secrets removed. */
export function screenedText(text: string, screening: Screening): string {
  return screening.autoRedaction ? redactSecrets(text, say(screening.deskLang).redactionMarkers).text : text;
}

/** screenedLine, with the telling of its sender for after the line is relayed. */
export function screen(deps: CoreDeps, line: TranscriptLine, screening: Screening, from: ScreenedSender): Screened {
  const screened = screenedLine(line, screening);
  return { line: screened.line, tell: () => tellOnce(deps, from, screened.found) };
}

/**
 * The notice is claimed in the delivery log per conversation and sender (one write, only when something was
 * removed), so they hear it once however many messages follow; the log keeps claims a day, so a conversation
 * that runs longer may tell them once more.
 */
export async function tellOnce(deps: CoreDeps, from: ScreenedSender, found: readonly SecretKind[]): Promise<void> {
  if (found.length === 0) return;
  try {
    if (!(await deps.deliveries.claim(`redaction-told:${from.conversationId}:${from.sender.userId}`))) return;
    await notify(deps, from.sender, { kind: 'notice', text: say(from.lang).redactionReplies.secretsRemoved(found), conversationId: from.conversationId });
  } catch (error) {
    // The message went through screened; only the notice about it is lost.
    deps.log.warn('redaction_notice_not_sent', { conversationId: from.conversationId, reason: messageOf(error) });
  }
}
