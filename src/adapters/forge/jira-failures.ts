import { TicketServiceError } from '../../domain/errors';
import { clipText } from '../../domain/text';

/** What the app was doing when Jira refused, so the reason names the right thing. */
export type JiraAction = 'create' | 'comment' | 'look-up';

/** Jira's own words from an error body, in any of the shapes its REST APIs use; at most a couple of sentences. */
export function jiraErrorText(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return '';
  }
  if (typeof parsed !== 'object' || parsed === null) return '';
  const { errorMessage, errorMessages, errors } = parsed as { errorMessage?: unknown; errorMessages?: unknown; errors?: unknown };
  const parts = [
    ...(typeof errorMessage === 'string' ? [errorMessage] : []),
    ...(Array.isArray(errorMessages) ? errorMessages.filter((m): m is string => typeof m === 'string') : []),
    ...(typeof errors === 'object' && errors !== null ? Object.entries(errors).map(([field, m]) => `${field}: ${String(m)}`) : []),
  ];
  const joined = parts.map((p) => p.trim().replace(/\.$/, '')).filter((p) => p.length > 0).join('; ');
  return clipText(joined, 300);
}

/**
 * A failed Jira answer as a reason the operator can act on, with Jira's own
 * words: a permission problem for a Jira admin, a refused field, something
 * gone, or Jira having trouble (worth trying again).
 */
export function jiraFailure(status: number, jiraText: string, action: JiraAction, ticketKey?: string): TicketServiceError {
  const said = jiraText ? ` Jira said: “${jiraText}”.` : '';
  if (status === 401 || status === 403) {
    const what = action === 'comment' ? 'comment on requests' : 'create requests';
    return new TicketServiceError(`Koji is not allowed to ${what} in this service desk (${status}).${said} Ask a Jira admin to check the app’s access to the project.`, false);
  }
  if (status === 400) {
    const hint = /request ?type/i.test(jiraText)
      ? 'The request type set in the Koji backoffice may no longer exist: pick another one there.'
      : 'Ask a Jira admin to check the request type set in the Koji backoffice and the fields it requires.';
    return new TicketServiceError(`Jira refused the ${action === 'comment' ? 'comment' : 'request'} (400).${said} ${hint}`, false);
  }
  if (status === 404) {
    return action === 'comment'
      ? new TicketServiceError(`Ticket ${ticketKey ?? ''} no longer exists in Jira, or Koji can no longer see it (404).`, false)
      : new TicketServiceError(`The service desk no longer exists, or Koji can no longer see it (404).${said} Check the project in the Koji backoffice.`, false);
  }
  if (status === 429) return new TicketServiceError('Jira is busy (429).', true);
  return new TicketServiceError(`Jira is not answering properly right now (${status}).${said}`, true);
}

export function jiraTimeout(timeoutMs: number, options?: ErrorOptions): TicketServiceError {
  return new TicketServiceError(`Jira took too long to answer (nothing within ${Math.round(timeoutMs / 100) / 10} s).`, true, options);
}
