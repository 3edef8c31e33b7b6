import { Fragment, useId, type ReactNode } from 'react';
import Heading from '@atlaskit/heading';
import type { ConversationView, TranscriptView } from '../../../src/shared/resolver-contract';
import { channelName, formatDateTime, formatShort } from './format';
import { Line, Time } from './transcript-line';

/** The conversation a ticket was created from: who, where, when, then every message in order. */
export function Transcript({ conversation, transcript }: { readonly conversation: ConversationView; readonly transcript: TranscriptView }) {
  const headingId = useId();
  const operators = operatorsOf(conversation, transcript);
  const channel = channelName(conversation.channel);
  return (
    <article className="koji-transcript" aria-labelledby={headingId}>
      <header className="koji-transcript-header">
        <Heading size="xsmall" as="h2" id={headingId}>
          Conversation with <bdi>{conversation.userName}</bdi>
        </Heading>
        <dl className="koji-facts">
          <Fact label="User">
            <bdi>{conversation.userName}</bdi>
          </Fact>
          <Fact label="Channel">{channel}</Fact>
          <Fact label={operators.length > 1 ? 'Operators' : 'Operator'}>{operators.length > 0 ? operators.map((name, i) => <Fragment key={i}>{i > 0 ? ', ' : ''}<bdi>{name}</bdi></Fragment>) : 'None'}</Fact>
          <Fact label="Started">{transcript.startedAt !== undefined ? <Time at={transcript.startedAt} text={formatDateTime(transcript.startedAt)} /> : '–'}</Fact>
          <Fact label="Last message">
            {transcript.lastAt !== undefined ? <Time at={transcript.lastAt} text={formatShort(transcript.lastAt, transcript.startedAt)} /> : '–'}
          </Fact>
        </dl>
        {transcript.rating ? (
          <p className="koji-rating">
            <span className="koji-ending-label">Rating:</span> {transcript.rating.label}
            {transcript.rating.comment ? (
              <>
                {' '}
                <q className="koji-rating-comment">{transcript.rating.comment}</q>
              </>
            ) : null}
          </p>
        ) : null}
        {transcript.ending ? (
          <p className="koji-ending">
            <span className="koji-ending-label">Ended:</span> {transcript.ending}
          </p>
        ) : null}
      </header>
      {transcript.lines.length === 0 ? (
        <p className="koji-plain-message">No messages</p>
      ) : (
        <ol className="koji-lines" aria-label={`Messages with ${conversation.userName}`}>
          {transcript.lines.map((line) => (
            <Line key={line.id} line={line} startedAt={transcript.startedAt} />
          ))}
        </ol>
      )}
    </article>
  );
}

function Fact({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="koji-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The operators who wrote in the conversation, or the one named on the ticket when none did. */
function operatorsOf(conversation: ConversationView, transcript: TranscriptView): string[] {
  const names = transcript.participants.filter((p) => p.role === 'operator').map((p) => p.name);
  if (names.length === 0 && conversation.operatorName) names.push(conversation.operatorName);
  return names;
}
