import type { Catalogue } from '../catalogue';
import { buttonLabels, usedCardNotes } from './buttons';
import { commandHelp, failureReplies } from './commands';
import { fileReplies } from './files';
import { followUpReplies } from './follow-ups';
import { redactionMarkers, redactionReplies } from './privacy';
import { relayFailures, transcriptNotes } from './notes';
import { savedReplyNotices } from './saved-replies';
import { toOperator } from './to-operator';
import { toUser } from './to-user';

/** Every sentence Koji says to a person, in German (Sie throughout). */
export const german: Catalogue = {
  toUser,
  toOperator,
  transcriptNotes,
  relayFailures,
  buttonLabels,
  usedCardNotes,
  savedReplyNotices,
  fileReplies,
  commandHelp,
  failureReplies,
  followUpReplies,
  redactionMarkers,
  redactionReplies,
};
