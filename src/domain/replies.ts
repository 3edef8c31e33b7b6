/**
 * Every sentence the core says to a person, in one place, so the voice stays
 * consistent and tests can find the words users rely on.
 */

export { channelName, tenantName, type HandedBackTo, type HandedOver, type OperatorGone } from './replies/shared';
export { toUser } from './replies/to-user';
export { toOperator } from './replies/to-operator';
export { relayFailures, transcriptNotes } from './replies/notes';
export { buttonLabels, usedCardNotes } from './replies/buttons';
export { savedReplyNotices, type SavedReplyEntry } from './replies/saved-replies';
export { fileReplies } from './replies/files';
