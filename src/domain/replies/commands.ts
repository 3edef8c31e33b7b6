/** Each operator command's line in #help, by the command's kind (app/commands/ names which line is its own). */
export const commandHelp = {
  'create-ticket': '#create_ticket [summary] (make a ticket from the conversation)',
  'end-session': 'stop or #exit (end the current conversation)',
  forward: 'forward_operator [number, name or anyone][: note for them] (hand the user to another operator)',
  'go-off-duty': '#off (end your shift)',
  'go-on-duty': '#on (start your shift)',
  'list-operators': 'list_operators (who is on duty)',
  note: '#note <text> (a note for the service desk; the user never sees it)',
  redact: '#redact [n] (redact the user’s last message, or their n-th last, wherever Koji keeps it)',
  'send-saved-reply': '#reply [name] (send a saved reply; alone, list them)',
  'accept-offer': '#accept (take the user you’re offered)',
  'decline-offer': '#decline (pass the user you’re offered to someone else)',
} as const;

/** Failures told in the chat in words of their own (app/conversation/failure-replies.ts); any other Koji error says its message. */
export const failureReplies = {
  busy: () => 'Koji is busy with other requests for the same people. Please try again in a moment.',
} as const;
