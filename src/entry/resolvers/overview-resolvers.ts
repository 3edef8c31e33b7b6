import { inProgressPage, lastMessageAt, nextOnDutyPage, waitingPage, type LiveActivity } from '../../app/settings/live-activity';
import { cursorOf, type ListCursor } from '../../app/settings/overview-pages';
import { buildServices } from '../../composition';
import { participantKey, type Participant } from '../../domain/participant';
import type { ActivityView, ResolverContract } from '../../shared/resolver-contract';
import { forAdmins, InvalidRequestError, stringField, type ResolverHandler } from './resolver-kit';
import { USER_ID } from './role-resolvers';
import { tenantOf } from './tenant-resolvers';

/** A conversation id is its user's key, a slash and the id of the message that asked: printable, bounded. */
const CONVERSATION_ID = /^[\x21-\x7e]{1,600}$/;

/**
 * The Overview's Load more (the page after a list's `next`) and one row's last message, each checked before
 * anything is read: a cursor the page did not get from us, or a conversation named oddly, is an `invalid_request`.
 */
type Answer<K extends keyof ResolverContract> = Promise<ResolverContract[K]['response']>;

/** `activity/get` (settings-resolvers.ts) answers the app's LiveActivity: the compiler holds it to the page's contract. */
export const asActivityView = (activity: LiveActivity): ActivityView => activity;

export const overviewResolvers: Record<string, ResolverHandler> = {
  'activity/on-duty': forAdmins(async ({ projectId, payload }): Answer<'activity/on-duty'> => nextOnDutyPage(buildServices(), projectId, listCursorOf(payload))),
  'activity/waiting': forAdmins(async ({ projectId, payload }): Answer<'activity/waiting'> => waitingPage(buildServices(), projectId, listCursorOf(payload))),
  'activity/in-progress': forAdmins(async ({ projectId, payload }): Answer<'activity/in-progress'> => inProgressPage(buildServices(), projectId, listCursorOf(payload))),
  'activity/last-message': forAdmins(async ({ projectId, payload }): Answer<'activity/last-message'> => {
    const conversationId = stringField(payload, 'conversationId', CONVERSATION_ID);
    const user = userOf(payload);
    if (!conversationId.startsWith(`${participantKey(user)}/`)) throw new InvalidRequestError('“conversationId” is not a conversation of that user.');
    return lastMessageAt(buildServices(), projectId, user, conversationId);
  }),
};

function listCursorOf(payload: unknown): ListCursor {
  const cursor = cursorOf((payload as { cursor?: unknown } | undefined)?.cursor);
  if (!cursor) throw new InvalidRequestError('“cursor” must be the `next` of a page the Overview returned.');
  return cursor;
}

function userOf(payload: unknown): Participant {
  const user = (payload as { user?: unknown } | undefined)?.user;
  if (typeof user !== 'object' || user === null || Array.isArray(user)) throw new InvalidRequestError('The request needs the conversation’s “user”.');
  const { channel, tenantId } = tenantOf(user);
  return { channel, tenantId, userId: stringField(user, 'userId', USER_ID) };
}
