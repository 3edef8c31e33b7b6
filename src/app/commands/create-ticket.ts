import { inEveryLanguage } from '../../domain/replies';
import { createTicketFromConversation } from '../tickets/create-ticket';
import { defineCommand } from './command';
import { screenedText } from '../privacy/screen-line';

export const createTicketCommand = defineCommand<{ readonly summary?: string | undefined }>({
  kind: 'create-ticket',
  names: ['#create_ticket', 'create_ticket'],
  access: 'operators',
  help: inEveryLanguage((c) => c.commandHelp['create-ticket']),
  parse: (summary) => ({ summary }),
  button: { action: 'create-ticket', read: () => ({}) },
  needs: 'conversation',
  // The card stays as it is: the conversation carries on, and a second click adds the new lines.
  async run(deps, { operator, assignment, args, settings }) {
    // Screened as the conversation's lines are (#note too), before it is queued or sent anywhere.
    const summary = args.summary === undefined ? undefined : screenedText(args.summary, assignment);
    if (deps.deferSlowWork) {
      const job = { kind: 'create-ticket', operator: operator.participant, operatorLang: operator.lang, conversationId: assignment.sessionId, userName: assignment.userName, summary } as const;
      await deps.outbox.ticketLater(job);
      return 'command';
    }
    await createTicketFromConversation(deps, operator, assignment, summary, settings);
    return 'command';
  },
});
