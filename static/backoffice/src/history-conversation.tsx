import { useCallback } from 'react';
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Stack, Text } from '@atlaskit/primitives';
import type { HistoryEntryView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { channelWords } from './channels';
import { Loading, Problem } from './common';
import { formatDate } from './format';
import { ENDING_LABELS, formatSpan } from './history-format';
import { HistoryLine } from './history-line';
import { TicketLink } from './history-results';
import { useLoad } from './load';

/** A past conversation opened from the results: who, when, how it ended, its rating and ticket, then every line. */
export function HistoryConversation({ entry, onClose }: { readonly entry: HistoryEntryView | undefined; readonly onClose: () => void }) {
  return (
    <ModalTransition>
      {entry ? (
        <Modal onClose={onClose} width="large" label={`Conversation with ${entry.userName}`}>
          <ModalHeader hasCloseButton>
            <ModalTitle>{`Conversation with ${entry.userName}`}</ModalTitle>
          </ModalHeader>
          <ModalBody>
            <Conversation entry={entry} />
          </ModalBody>
          <ModalFooter>
            <Button appearance="primary" onClick={onClose}>
              Close
            </Button>
          </ModalFooter>
        </Modal>
      ) : null}
    </ModalTransition>
  );
}

function Conversation({ entry }: { readonly entry: HistoryEntryView }) {
  const load = useCallback(() => call('history/get', { conversationId: entry.conversationId }), [entry.conversationId]);
  const [loaded, reload] = useLoad(load);
  const rating = loaded.state === 'ready' ? loaded.data.transcript.rating : undefined;
  return (
    <Stack space="space.200">
      <dl className="koji-facts">
        <dt>Channel</dt>
        <dd>{channelWords(entry.channel).platform}</dd>
        <dt>Operator</dt>
        <dd>{entry.operatorName ? <bdi>{entry.operatorName}</bdi> : 'Nobody took it'}</dd>
        <dt>Asked</dt>
        <dd>{formatDate(entry.requestedAt)}</dd>
        {entry.startedAt !== undefined ? (
          <>
            <dt>With the operator</dt>
            <dd>{`${formatDate(entry.startedAt)} (after ${formatSpan(entry.requestedAt, entry.startedAt)} waiting)`}</dd>
          </>
        ) : null}
        <dt>Ended</dt>
        <dd>{`${formatDate(entry.endedAt)}: ${ENDING_LABELS[entry.ending]}`}</dd>
        <dt>Ticket</dt>
        <dd>{entry.ticket ? <TicketLink ticket={entry.ticket} /> : 'None'}</dd>
        <dt>Rating</dt>
        <dd>{rating ? `${rating.label}${rating.comment ? `: “${rating.comment}”` : ''}` : 'Not rated'}</dd>
      </dl>
      {loaded.state === 'loading' ? <Loading label="Loading the transcript" /> : null}
      {loaded.state === 'failed' ? <Problem title="The transcript could not be read" message={loaded.message} onRetry={reload} /> : null}
      {loaded.state === 'ready' ? (
        loaded.data.transcript.lines.length === 0 ? (
          <Text as="p" color="color.text.subtle">
            Its transcript is no longer kept.
          </Text>
        ) : (
          <ol className="koji-history-transcript" aria-label="Transcript">
            {loaded.data.transcript.lines.map((line) => (
              <HistoryLine key={line.id} line={line} />
            ))}
          </ol>
        )
      ) : null}
    </Stack>
  );
}
