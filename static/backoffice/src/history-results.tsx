import Button from '@atlaskit/button/new';
import { Text } from '@atlaskit/primitives';
import type { HistoryEntryView } from '../../../src/shared/resolver-contract';
import { channelWords } from './channels';
import { formatDate } from './format';
import { ENDING_LABELS } from './history-format';

/** Past conversations found, newest first: when each ended, who talked, how it ended, its ticket; Open shows it whole. */
export function HistoryResults({ conversations, onOpen, more = false }: { readonly conversations: readonly HistoryEntryView[]; readonly onOpen: (entry: HistoryEntryView) => void; readonly more?: boolean }) {
  if (conversations.length === 0) {
    return (
      <Text as="p" color="color.text.subtle">
        {more ? 'None on this page: Load more looks further back.' : 'No conversation in the history matches.'}
      </Text>
    );
  }
  return (
    <table className="koji-table" aria-label="Past conversations">
      <thead>
        <tr>
          <th scope="col">Ended</th>
          <th scope="col">User</th>
          <th scope="col">Operator</th>
          <th scope="col">Channel</th>
          <th scope="col">How it ended</th>
          <th scope="col">Ticket</th>
          <th scope="col">
            <span className="koji-offscreen">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {conversations.map((entry) => (
          <tr key={entry.conversationId}>
            <td>{formatDate(entry.endedAt)}</td>
            <td className="koji-strong">
              <bdi>{entry.userName}</bdi>
            </td>
            <td>{entry.operatorName ? <bdi>{entry.operatorName}</bdi> : '–'}</td>
            <td>{channelWords(entry.channel).platform}</td>
            <td>{ENDING_LABELS[entry.ending]}</td>
            <td>{entry.ticket ? <TicketLink ticket={entry.ticket} /> : '–'}</td>
            <td className="koji-actions">
              <Button onClick={() => onOpen(entry)} aria-label={`Open the conversation with ${entry.userName} that ended ${formatDate(entry.endedAt)}`}>
                Open
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A ticket's key, a link to it when its address is https (the resolver leaves it out otherwise). */
export function TicketLink({ ticket }: { readonly ticket: NonNullable<HistoryEntryView['ticket']> }) {
  return ticket.url ? (
    <a href={ticket.url} target="_blank" rel="noopener noreferrer">
      {ticket.key}
    </a>
  ) : (
    <span>{ticket.key}</span>
  );
}
