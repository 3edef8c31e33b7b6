import { inEveryLanguage, say } from '../../domain/replies';
import type { TranscriptLine } from '../../domain/transcript';
import { notify } from '../delivery/notify';
import { lineKept } from '../history/record-history';
import { screenedLine } from '../privacy/screen-line';
import { defineCommand } from './command';

/** A note longer than a chat message would hardly be a note; the transcript and the ticket hold it whole up to here. */
export const MAX_NOTE_CHARS = 4_000;

/**
 * `#note <text>`: the operator writes for the service desk, not for the user. The note is a transcript line
 * marked internal: never relayed, shown as a note in the issue panel and the next operator's card, and on a
 * ticket only as an internal comment.
 */
export const noteCommand = defineCommand<{ readonly text?: string | undefined }>({
  kind: 'note',
  names: ['#note'],
  access: 'operators',
  help: inEveryLanguage((c) => c.commandHelp['note']),
  parse: (text) => ({ text }),
  needs: 'conversation',
  // Notes stay possible when support is off: a conversation still open may need one before it ends.
  evenWhenSupportOff: true,
  async run(deps, { operator, assignment, msg, args }) {
    const text = args.text?.trim() ?? '';
    if (text.length === 0 || text.length > MAX_NOTE_CHARS) {
      await notify(deps, operator.participant, { kind: 'notice', text: say(operator.lang).toOperator.noteRefused(text.length === 0, MAX_NOTE_CHARS), conversationId: assignment.sessionId });
      return 'refused';
    }
    const line: TranscriptLine = {
      id: msg.id,
      at: msg.sentAt,
      role: 'operator',
      speakerName: operator.displayName,
      speaker: operator.participant,
      text,
      internal: true,
    };
    // A note is stored like any line of the conversation: screened when the conversation removes secrets.
    await deps.transcripts.append(assignment.sessionId, screenedLine(line, assignment).line, lineKept(assignment));
    await notify(deps, operator.participant, { kind: 'notice', text: say(operator.lang).toOperator.noteAdded(assignment.userName), conversationId: assignment.sessionId });
    return 'command';
  },
});
