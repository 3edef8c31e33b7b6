import { inEveryLanguage } from '../../domain/replies';
import { MAX_REDACT_BACK, redactMessage } from '../privacy/redact-message';
import { defineCommand } from './command';

/**
 * `#redact` takes out the user's last message wherever Koji keeps it, `#redact 3` their third last (up to
 * MAX_REDACT_BACK): see privacy/redact-message.ts. The operator's own messages are theirs to delete in their
 * chat, which the edit path already follows (edits/handle-chat-edit.ts).
 */
export const redactCommand = defineCommand<{ readonly back?: number | undefined }>({
  kind: 'redact',
  names: ['#redact'],
  access: 'operators',
  help: inEveryLanguage((c) => c.commandHelp['redact']),
  parse: (argument) => ({ back: backOf(argument) }),
  needs: 'conversation',
  // Like a note: a conversation still open when support is turned off may still hold a secret.
  evenWhenSupportOff: true,
  run: (deps, { operator, assignment, args }) => redactMessage(deps, operator, assignment, args.back),
});

/** Nothing: 1 (the last); a whole number from 1 to MAX_REDACT_BACK; anything else: undefined, answered with what #redact takes. */
function backOf(argument: string | undefined): number | undefined {
  if (argument === undefined) return 1;
  const n = /^\d{1,2}$/.test(argument.trim()) ? Number(argument.trim()) : 0;
  return n >= 1 && n <= MAX_REDACT_BACK ? n : undefined;
}
