import { inEveryLanguage } from '../../domain/replies';
import { sendSavedReply } from '../saved-replies/send-saved-reply';
import { defineCommand } from './command';

interface SavedReplyArgs {
  /** Typed after `#reply`, or carried by a pick list's button; none: list the replies. */
  readonly name?: string | undefined;
  readonly picked?: boolean | undefined;
}

export const sendSavedReplyCommand = defineCommand<SavedReplyArgs>({
  kind: 'send-saved-reply',
  names: ['#reply'],
  access: 'operators',
  help: inEveryLanguage((c) => c.commandHelp['send-saved-reply']),
  parse: (name) => ({ name }),
  // A pick list's button carries the reply's name, and sends that one only.
  button: { action: 'send-saved-reply', read: (name) => ({ name, picked: name !== undefined }) },
  needs: 'conversation',
  run: (deps, { operator, assignment, msg, settings, args }) => sendSavedReply(deps, { operator, assignment, msg, settings, name: args.name, picked: args.picked === true }),
});
