import { isolatedName } from '../../domain/text';
import type { TicketRequest } from '../../app/ports';

/** Why the app, not the user, is the requester: said in the description so Jira agents know whom to answer. */
export type RaisedAs = 'user' | 'no-email' | 'no-account' | 'not-a-customer';

/** The description's first line: who created the ticket (an operator, or the user taking up an offer), with whom, on which chat, and why the app raised it if it did. */
export function requestHeader(request: TicketRequest, raisedAs: RaisedAs): string {
  const { email, participant } = request.requester;
  // Names isolated as in the app's chat sentences: one with an override must not turn the rest of the header around.
  const name = isolatedName(request.requester.name);
  const who = email ? `${name} (${email})` : name;
  const channel = participant.channel === 'slack' ? 'Slack' : 'Microsoft Teams';
  const chat = `with ${who} on ${channel}`;
  const by = request.operatorName
    ? `${isolatedName(request.operatorName)} created this ticket from a live chat ${chat}.`
    : request.servedByName
      ? `Created at the user’s request from a live chat ${chat}: ${isolatedName(request.servedByName)} served them, then no operator was available.`
      : `Created at the user’s request from a chat ${chat}: no operator was available.`;
  const why = {
    user: '',
    'no-email': ` ${channel} did not give ${name}’s e-mail address, so the app raised it for them.`,
    'no-account': ` ${name} has no Jira account with that e-mail, so the app raised it.`,
    'not-a-customer': ` ${name}’s Jira account is not a customer of this service desk, so the app raised it.`,
  }[raisedAs];
  return `${by}${why}`;
}
