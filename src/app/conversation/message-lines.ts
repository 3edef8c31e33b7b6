import type { TranscriptLine } from '../../domain/transcript';
import type { IncomingChatMessage } from './incoming-message';

/** `##tag` is how an operator starts a message with a literal `#` (a single `#word` is read as a command): one goes. */
export function withLiteralHash(text: string): string {
  return text.startsWith('##') ? text.slice(1) : text;
}

export function userLine(msg: IncomingChatMessage, name: string): TranscriptLine {
  return {
    id: msg.id,
    at: msg.sentAt,
    role: 'user',
    speakerName: name,
    speaker: msg.from,
    text: msg.text,
    ...(msg.links ? { links: msg.links } : {}),
    attachments: msg.attachments,
  };
}
