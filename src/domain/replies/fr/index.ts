import { toUser } from './to-user';
import { toOperator } from './to-operator';
import { relayFailures, transcriptNotes } from './notes';
import { buttonLabels, usedCardNotes } from './buttons';
import { savedReplyNotices } from './saved-replies';
import { fileReplies } from './files';
import { followUpReplies } from './follow-ups';
import { redactionMarkers, redactionReplies } from './privacy';
import { commandHelp, failureReplies } from './commands';
// Type only: the catalogue imports this module, so a value import would be a cycle.
import type { Catalogue } from '../catalogue';

/** Every sentence Koji says to a person, in French. */
export const french: Catalogue = {
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
