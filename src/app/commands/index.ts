import { codeWords } from '../../domain/chat-command';
import { acceptOfferCommand, declineOfferCommand } from './answer-offer';
import { wordsOf, type ChatCommand } from './command';
import { createTicketCommand } from './create-ticket';
import { endConversationCommand } from './end-conversation';
import { forwardCommand } from './forward';
import { goOffDutyCommand } from './go-off-duty';
import { goOnDutyCommand } from './go-on-duty';
import { helpCommand } from './help';
import { listOperatorsCommand } from './list-operators';
import { noteCommand } from './note';
import { redactCommand } from './redact';
import { sendSavedReplyCommand } from './send-saved-reply';

/** Every operator command. Their order is the order of #help. */
export const COMMANDS: readonly ChatCommand[] = [
  goOnDutyCommand,
  goOffDutyCommand,
  acceptOfferCommand,
  declineOfferCommand,
  endConversationCommand,
  noteCommand,
  redactCommand,
  createTicketCommand,
  listOperatorsCommand,
  forwardCommand,
  sendSavedReplyCommand,
  helpCommand,
];

/** The command names the app's own sentences show as code, on every channel. */
export const COMMAND_WORDS: readonly string[] = codeWords(COMMANDS.map(wordsOf));
