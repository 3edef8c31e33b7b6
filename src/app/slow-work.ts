import { parseOperatorCommand } from '../domain/chat-command';
import type { IncomingChatMessage } from './incoming-message';

/**
 * Work that waits on Jira (several calls) and may not fit in the three seconds
 * Slack gives a web trigger: it goes through the queue. Everything else,
 * relaying above all, runs inline: no queue hop, no queue cost.
 */
export function isSlowWork(msg: IncomingChatMessage): boolean {
  if (msg.action) return msg.action.kind === 'create-ticket' || msg.action.kind === 'accept-ticket';
  return parseOperatorCommand(msg.text)?.kind === 'create-ticket';
}
