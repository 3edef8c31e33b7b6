import Lozenge from '@atlaskit/lozenge';
import type { TranscriptLineView } from '../../../src/shared/resolver-contract';
import { formatDate } from './format';

/** One line of a past conversation, as the issue panel shows it: who and when, operators and internal notes marked. */
export function HistoryLine({ line }: { readonly line: TranscriptLineView }) {
  const note = line.internal === true;
  const system = line.role === 'system';
  return (
    <li className={`koji-history-line${system ? ' koji-history-system' : ''}${note ? ' koji-history-internal' : ''}`}>
      <div className="koji-history-meta">
        <bdi className="koji-strong">{system ? 'Koji note' : line.speakerName}</bdi>
        {line.role === 'operator' ? <Lozenge appearance="inprogress">Operator</Lozenge> : null}
        {note ? <Lozenge appearance="moved">Internal note</Lozenge> : null}
        <time className="koji-subtle" dateTime={new Date(line.at).toISOString()}>
          {formatDate(line.at)}
        </time>
      </div>
      {line.text ? <p className="koji-history-text">{line.text}</p> : null}
      {line.attachments && line.attachments.length > 0 ? (
        <ul className="koji-history-files" aria-label="Attachments">
          {line.attachments.map((a, i) => (
            <li key={`${a.url}#${i}`}>
              <a href={a.url} target="_blank" rel="noopener noreferrer">
                {a.name || 'Attachment'}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
