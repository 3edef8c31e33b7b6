import { inEveryLanguage, say } from '../../domain/replies';
import { endConversation } from '../conversation/end-conversation';
import { defineCommand, withCardNote } from './command';

export const endConversationCommand = defineCommand({
  kind: 'end-session',
  names: ['stop', '#exit', '#stop'],
  // A user's `stop` means leaving, which the conversation router reads; it is not refused.
  access: 'anyone',
  help: inEveryLanguage((c) => c.commandHelp['end-session']),
  button: { action: 'end-session', read: () => ({}) },
  needs: 'conversation',
  // Ending a conversation stays possible when support is off: nobody may be left stuck.
  evenWhenSupportOff: true,
  async run(deps, { operator, assignment, settings }) {
    const ended = await endConversation(deps, assignment.user, assignment.sessionId, 'operator-ended', settings);
    return ended ? withCardNote('command', say(operator.lang).usedCardNotes.endedByYou) : 'command';
  },
});
