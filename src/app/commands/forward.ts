import { parseForwardArgument, type ForwardTarget } from '../../domain/chat-command';
import { inEveryLanguage, say } from '../../domain/replies';
import { forwardConversation } from '../conversation/forward-conversation';
import { defineCommand, withCardNote } from './command';

export const forwardCommand = defineCommand<{ readonly target?: ForwardTarget | undefined; readonly note?: string | undefined }>({
  kind: 'forward',
  names: ['forward_operator', '#forward_operator'],
  access: 'operators',
  help: inEveryLanguage((c) => c.commandHelp['forward']),
  parse: (argument) => (argument === undefined ? {} : parseForwardArgument(argument)),
  // The pick list's button carries the chosen operator's participant key.
  button: { action: 'forward', read: (key) => ({ target: key ? { by: 'key', key } : undefined }) },
  needs: 'conversation',
  async run(deps, { operator, assignment, args, settings }) {
    const forward = await forwardConversation(deps, operator, assignment, args.target, settings, args.note);
    // Only a pick that went through settles the pick list; the Forward that only shows the list leaves the card
    // as it is, and the request card is left alone (a later click on it is refused as no longer this operator's).
    return forward.kind === 'forwarded' ? withCardNote('command', say(operator.lang).usedCardNotes.forwardedTo(forward.toName)) : 'command';
  },
});
