import { languageOf } from '../../domain/language';
import type { Conversation } from '../../domain/conversation';
import { KojiError } from '../../domain/koji-error';
import { sameParticipant, type Participant } from '../../domain/participant';
import {
  COMMENT_WINDOW_MINUTES,
  counted,
  isRatingValue,
  isSatisfied,
  MAX_COMMENT_CHARS,
  ratingValues,
  satisfactionShare,
  scoreLabel,
  scoreOf,
  type CommentWindow,
  type ConversationRating,
} from '../../domain/rating';
import { notesFor, say } from '../../domain/replies';
import type { LiveAgentSettings } from '../../domain/settings';
import { clipText } from '../../domain/text';
import type { TranscriptLine } from '../../domain/transcript';
import { withCardNote, type Handled } from '../commands/command';
import { LOST_RACE, untilCommitted } from '../compare-and-set';
import type { IncomingChatMessage } from '../conversation/incoming-message';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';
import { lineKept } from '../history/record-history';
import { systemLineId } from '../transcript/transcript-ids';
import { countFigures } from '../figures/service-figures';

export type { CommentWindow };

/**
 * After a conversation with an operator ends for a user who was served (ended by
 * either side, or closed for inactivity), the user gets one card with the project's
 * scale. Tapping it rates the conversation once, within the project's window.
 */
export async function inviteRating(deps: CoreDeps, conversation: Conversation, settings: LiveAgentSettings): Promise<void> {
  const { state } = conversation;
  if (settings.ratingScale === 'off' || state.kind !== 'with-operator') return;
  const scale = settings.ratingScale;
  const lifetimeSeconds = settings.ratingWindowHours * 3600;
  await deps.ratings.invite(
    {
      conversationId: conversation.id,
      projectId: conversation.projectId,
      user: conversation.user,
      userName: conversation.userName,
      operator: state.operator,
      operatorName: state.operatorName,
      scale,
      ...(conversation.ticket ? { ticketKey: conversation.ticket.key } : {}),
      ...(conversation.lang ? { lang: conversation.lang } : {}),
      ...(conversation.deskLang ? { deskLang: conversation.deskLang } : {}),
      ...(conversation.keepDays === undefined ? {} : { keepDays: conversation.keepDays }),
      until: deps.clock.now() + lifetimeSeconds * 1000,
    },
    lifetimeSeconds,
  );
  const { toUser, buttonLabels } = say(conversation.lang);
  await notify(deps, conversation.user, {
    kind: 'notice',
    text: toUser.rateConversation(state.operatorName, scale, settings.ratingWindowHours),
    conversationId: conversation.id,
    buttons: ratingValues(scale).map(([value]) => ({ action: 'rate' as const, label: buttonLabels.rating(value), value })),
  });
}

/**
 * A tap on the rating card. The value is checked before anything is read, and against the card's scale after;
 * the rating and its operator's counts are one commit, so of two taps at once one scores and the other is told
 * the conversation is rated. A tap after the window, or a second one, updates the card and changes no score.
 */
export async function rateConversation(deps: CoreDeps, msg: IncomingChatMessage): Promise<Handled> {
  const { conversationId } = msg;
  const value = msg.action?.value;
  if (conversationId === undefined || !isRatingValue(value)) return 'refused';
  const rated = await untilCommitted(async () => {
    const { invite, rating } = await deps.ratings.get(conversationId);
    if (rating) return sameParticipant(rating.value.user, msg.from) ? { kind: 'already' as const, rating: rating.value } : undefined;
    if (!invite || invite.until <= deps.clock.now()) return { kind: 'window-passed' as const, lang: invite?.lang };
    const score = scoreOf(invite.scale, value);
    if (!sameParticipant(invite.user, msg.from) || score === undefined) return undefined;
    const { user, userName, operator, operatorName, projectId, scale, ticketKey, lang, deskLang, keepDays } = invite;
    const given: ConversationRating = {
      conversationId, projectId, operator, operatorName, user, userName, scale, score, at: deps.clock.now(), ...(ticketKey ? { ticketKey } : {}), ...(lang ? { lang } : {}), ...(deskLang ? { deskLang } : {}),
      ...(keepDays === undefined ? {} : { keepDays }),
    };
    const counts = await deps.ratings.satisfaction(projectId, operator);
    const next = { value: counted(counts?.value, isSatisfied(scale, score)), expected: counts?.version ?? ('absent' as const) };
    return (await deps.ratings.record(given, next)) ? { kind: 'given' as const, rating: given } : LOST_RACE;
  });
  if (rated === undefined) return 'refused';
  // The card is the conversation's, so its note is in the conversation's language (a click carries no locale).
  if (rated.kind === 'window-passed') return withCardNote('refused', say(rated.lang ?? languageOf(msg.locale, 'en')).usedCardNotes.ratingWindowPassed);
  const { usedCardNotes } = say(rated.rating.lang);
  const transcriptNotes = notesFor(rated.rating);
  if (rated.kind === 'already') return withCardNote('refused', usedCardNotes.alreadyRated(scoreLabel(rated.rating.scale, rated.rating.score)));
  const given = rated.rating;
  await countFigures(deps, given.projectId, undefined, [{ kind: 'rated', operator: { participant: given.operator, name: given.operatorName }, scale: given.scale, score: given.score }]);
  const label = scoreLabel(given.scale, given.score);
  await addInternalLine(deps, given, 'rated', transcriptNotes.rated(given.userName, label));
  const window: CommentWindow = { conversationId, until: deps.clock.now() + COMMENT_WINDOW_MINUTES * 60_000 };
  await deps.ratings.openCommentWindow(msg.from, window, COMMENT_WINDOW_MINUTES * 60);
  return withCardNote('rated', usedCardNotes.rated(label, COMMENT_WINDOW_MINUTES));
}

/** Whether a user's message, arriving in their comment window (read with their records), is their rating's comment. */
export function isRatingComment(deps: CoreDeps, msg: IncomingChatMessage, window: CommentWindow | undefined): window is CommentWindow {
  return window !== undefined && window.ticketKey === undefined && window.until > deps.clock.now() && !msg.action && msg.text.trim().length > 0;
}

/** The user's words after a tap: kept with the rating, on the ticket as an internal line, never sent to the assistant. */
export async function commentOnRating(deps: CoreDeps, msg: IncomingChatMessage, window: CommentWindow): Promise<Handled> {
  const text = clipText(msg.text.trim(), MAX_COMMENT_CHARS);
  const rating = await untilCommitted(async () => {
    const current = (await deps.ratings.get(window.conversationId)).rating;
    if (!current || !sameParticipant(current.value.user, msg.from)) return undefined;
    // Two messages at once are both kept: the second adds to the first.
    const comment = current.value.comment === undefined ? text : clipText(`${current.value.comment}\n${text}`, MAX_COMMENT_CHARS);
    const next = { ...current.value, comment };
    return (await deps.ratings.update(next, current.version)) ? next : LOST_RACE;
  });
  await deps.ratings.closeCommentWindow(msg.from);
  if (!rating) return 'refused';
  await addInternalLine(deps, rating, 'rating-comment', notesFor(rating).ratingComment(rating.userName, text));
  await notify(deps, msg.from, { kind: 'notice', text: say(rating.lang).toUser.ratingCommentAdded() });
  return 'rated';
}

/** An operator's satisfaction in a project: ratings counted, the satisfied ones, and their share in whole percent. */
export async function satisfactionOf(
  deps: Pick<CoreDeps, 'ratings'>,
  projectId: string,
  operator: Participant,
): Promise<{ readonly rated: number; readonly satisfied: number; readonly share?: number | undefined }> {
  const count = (await deps.ratings.satisfaction(projectId, operator))?.value;
  return { rated: count?.rated ?? 0, satisfied: count?.satisfied ?? 0, share: satisfactionShare(count) };
}

/**
 * The rating goes into the conversation's transcript as an internal line (the issue panel shows it) and, when
 * the conversation has a ticket, onto it: internal lines reach a ticket only as internal comments.
 */
async function addInternalLine(deps: CoreDeps, rating: ConversationRating, kind: string, text: string): Promise<void> {
  const at = deps.clock.now();
  const line: TranscriptLine = { id: systemLineId(kind, at), at, role: 'system', speakerName: 'Koji', text, internal: true };
  await deps.transcripts.append(rating.conversationId, line, lineKept(rating));
  if (!rating.ticketKey) return;
  try {
    await deps.tickets.addComment(rating.ticketKey, rating.conversationId, [line]);
  } catch (error) {
    // The rating is kept with the conversation either way; a ticket that refused it is logged.
    if (!(error instanceof KojiError)) throw error;
    deps.log.warn('rating_not_added_to_ticket', { ticket: rating.ticketKey, code: error.code, reason: error.message });
  }
}
