import { useId } from 'react';
import Lozenge from '@atlaskit/lozenge';
import type { TranscriptLineView } from '../../../src/shared/resolver-contract';
import { formatDateTime, formatShort, initialsOf, isoOf } from './format';

export function Time({ at, text }: { readonly at: number; readonly text: string }) {
  return (
    <time dateTime={isoOf(at)} title={formatDateTime(at)}>
      {text}
    </time>
  );
}

/**
 * One message. Each item is named for screen readers by who wrote it and when ("Alice Operator,
 * operator, 10:05"; the app's own notes are "Koji note, 10:05"), then reads as it shows.
 */
export function Line({ line, startedAt }: { readonly line: TranscriptLineView; readonly startedAt: number | undefined }) {
  const labelId = useId();
  const when = formatShort(line.at, startedAt);
  const time = <Time at={line.at} text={when} />;
  if (line.role === 'system') {
    return (
      <li className="koji-line koji-line-note" aria-labelledby={labelId}>
        <span id={labelId} hidden>
          Koji note, {when}
        </span>
        <span className="koji-note-mark" aria-hidden="true">
          <NoteIcon />
        </span>
        <div className="koji-line-body">
          <div className="koji-line-meta">
            <span className="koji-speaker">Koji note</span>
            {time}
          </div>
          <p className="koji-line-text">{line.text}</p>
        </div>
      </li>
    );
  }
  const operator = line.role === 'operator';
  const note = line.internal === true;
  return (
    <li className={`koji-line ${operator ? 'koji-line-operator' : 'koji-line-user'}${note ? ' koji-line-internal' : ''}`} aria-labelledby={labelId}>
      <span id={labelId} hidden>
        {operator ? `${line.speakerName}, operator${note ? ', internal note' : ''}, ${when}` : `${line.speakerName}, ${when}`}
      </span>
      <span className="koji-avatar" aria-hidden="true">
        {initialsOf(line.speakerName)}
      </span>
      <div className="koji-line-body">
        <div className="koji-line-meta">
          <bdi className="koji-speaker">{line.speakerName}</bdi>
          {operator ? <Lozenge appearance="inprogress">Operator</Lozenge> : null}
          {note ? <Lozenge appearance="moved">Internal note</Lozenge> : null}
          {time}
        </div>
        {line.deletedAt !== undefined ? <p className="koji-line-text koji-line-deleted">(deleted)</p> : null}
        {line.text ? (
          <p className="koji-line-text">
            {line.text}
            {line.editedAt !== undefined ? <span className="koji-line-edited"> (edited)</span> : null}
          </p>
        ) : null}
        {line.attachments && line.attachments.length > 0 ? (
          <ul className="koji-attachments" aria-label="Attachments">
            {line.attachments.map((attachment, index) => (
              <li key={`${attachment.url}#${index}`}>
                <a href={attachment.url} target="_blank" rel="noopener noreferrer">
                  <AttachmentIcon />
                  {attachment.name || 'Attachment'}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </li>
  );
}

/** An "i" in a circle, for the app's own notes. */
function NoteIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <rect x="7.25" y="7" width="1.5" height="4.5" rx="0.75" fill="currentColor" />
      <circle cx="8" cy="4.75" r="0.9" fill="currentColor" />
    </svg>
  );
}

/** A paper clip, in front of each attachment link. */
function AttachmentIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M10.5 4.5 5.6 9.4a1.2 1.2 0 0 0 1.7 1.7l5-5a2.6 2.6 0 0 0-3.7-3.7l-5.1 5.1a4 4 0 0 0 5.7 5.7l4.3-4.3"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
