import { isCursorRefusal } from '../../adapters/forge/kvs-cursor';
import { startErasure } from '../../app/privacy/erase-person-job';
import { exportStep, isPersonDataState, START, type PersonDataState } from '../../app/privacy/person-data';
import type { ErasureProgress } from '../../app/privacy/person-records';
import { buildServices, erasureDeps } from '../../composition';
import { personLabel } from '../../domain/audit';
import { KojiError } from '../../domain/koji-error';
import type { Operator } from '../../domain/operator';
import type { Participant } from '../../domain/participant';
import type { ErasureView, PersonDataPageView } from '../../shared/resolver-contract';
import { auditAdminAction } from './audit-trail';
import { forAdmins, InvalidRequestError, stringField, type ResolverHandler } from './resolver-kit';
import { USER_ID } from './role-resolvers';
import { tenantDirectoryOf } from './tenant-directory';
import { tenantOf } from './tenant-resolvers';

class NotFoundError extends KojiError {
  readonly code = 'not_a_person';
}

class InConversationError extends KojiError {
  readonly code = 'person_in_conversation';

  constructor(what: string) {
    super(`This person ${what}. Their data can be erased once it ends (or once they are off duty and free).`);
  }
}

const EMAIL = /^[^\s@]{1,200}@[^\s@]{1,200}$/;
/** A Microsoft Entra object id, as Teams admins know a person: a GUID. */
const AAD_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The export cursor: the walk's state as base64url JSON, checked field by field when it comes back. */
const EXPORT_CURSOR = /^[A-Za-z0-9_-]{1,24000}$/;
/** Directory pages read at most to find an e-mail (as Role setup's search: 200 people a page on Slack). */
const MAX_DIRECTORY_PAGES = 5;

/**
 * The Privacy tab (issue 23), admins only like every backoffice key: find a person, export what Koji keeps about
 * them a bounded page at a time, erase it in the background (app/privacy/). Every field is checked before anything
 * is read. An export and an erasure are each recorded in the audit log by channel and id, never by name.
 */
export const privacyResolvers: Record<string, ResolverHandler> = {
  'privacy/find': forAdmins(async ({ projectId, payload }) => {
    const query = stringField(payload, 'query').trim();
    if (query.length > 320) throw new InvalidRequestError('“query” is a user id or an e-mail address.');
    const byAad = tenantOf(payload).channel === 'teams' && AAD_OBJECT_ID.test(query);
    if (!EMAIL.test(query) && !byAad) {
      if (!USER_ID.test(query)) throw new InvalidRequestError('“query” must be a Slack or Teams user id (such as U0123ABCD or 29:1abc…) or an e-mail address.');
      const person = { ...tenantOf(payload), userId: query };
      return { person: { ...person, label: personLabel(person) } };
    }
    // By e-mail (or a Teams AAD object id): only the connected workspace or tenant's directory knows it.
    const directory = await tenantDirectoryOf(projectId, payload);
    let cursor: string | undefined;
    for (let pages = 0; pages < MAX_DIRECTORY_PAGES; pages += 1) {
      const page = await directory.people({ cursor });
      const found = [...page.people, ...page.leftOut].find((p) => (byAad ? p.aadObjectId : p.email)?.toLowerCase() === query.toLowerCase());
      if (found) {
        const person = { channel: directory.channel, tenantId: directory.tenantId, userId: found.userId };
        return { person: { ...person, label: personLabel(person), name: found.displayName } };
      }
      cursor = page.cursor;
      if (!cursor) break;
    }
    throw new NotFoundError(`Nobody with this ${byAad ? 'object id' : 'e-mail address'} was found in ${directory.tenantId} (Teams people are known once they installed Koji or wrote to it). Try their user id.`);
  }),
  'privacy/export': forAdmins(async ({ projectId, payload, accountId }) => {
    const person = personOf(payload);
    const state = cursorOf(payload);
    const services = buildServices({ projectId });
    const step = await exportStep(erasureDeps(services).records, { projectId, person, now: services.clock.now() }, state).catch((error: unknown) => {
      // A store cursor KVS refuses came with the page's cursor: a bad request, not a crash.
      if (state !== START && isCursorRefusal(error)) throw new InvalidRequestError('“cursor” must be the one the last export page gave.');
      throw error;
    });
    if (state === START) await auditAdminAction({ projectId, accountId }, { kind: 'person-exported', subject: { ...person, name: personLabel(person) } });
    const chunk = step.chunk!;
    const page: PersonDataPageView = {
      ...(chunk.records ? { records: chunk.records } : {}),
      conversations: chunk.conversations.map(plain),
      conversationRecords: chunk.conversationRecords,
      lines: chunk.lines.map(({ conversationId, line }) => ({ conversationId, line: plain(line) })),
      written: chunk.written.map(({ conversationId, line }) => ({ conversationId, line: plain(line) })),
      served: chunk.served.map(plain),
      audit: chunk.audit.map(plain),
      figures: chunk.figures,
      ...(step.state.phase === 'done' ? {} : { cursor: Buffer.from(JSON.stringify(step.state)).toString('base64url') }),
    };
    return page;
  }),
  'privacy/erase': forAdmins(async ({ projectId, payload, accountId }) => {
    const person = personOf(payload);
    const deps = erasureDeps(buildServices({ projectId }));
    const own = await deps.records.own(projectId, person);
    if (own.records['conversation']) throw new InConversationError('is in a conversation with the service desk right now');
    const operator = own.records['operator'] as Operator | undefined;
    if (operator && (operator.duty === 'on' || operator.assignments.length > 0)) throw new InConversationError('is an operator on duty');
    await startErasure(deps, projectId, person);
    await auditAdminAction({ projectId, accountId }, { kind: 'person-erased', subject: { ...person, name: personLabel(person) } });
    return erasureView(await deps.progress.progress(projectId, person));
  }),
  'privacy/erasure': forAdmins(async ({ projectId, payload }) => {
    const person = personOf(payload);
    return erasureView(await erasureDeps(buildServices({ projectId })).progress.progress(projectId, person));
  }),
};

function personOf(payload: unknown): Participant {
  return { ...tenantOf(payload), userId: stringField(payload, 'userId', USER_ID) };
}

function cursorOf(payload: unknown): PersonDataState {
  const cursor = (payload as Record<string, unknown> | undefined)?.['cursor'];
  if (cursor === undefined || cursor === null) return START;
  const refused = new InvalidRequestError('“cursor” must be the one the last export page gave.');
  if (typeof cursor !== 'string' || !EXPORT_CURSOR.test(cursor)) throw refused;
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refused;
  }
  if (!isPersonDataState(state)) throw refused;
  return state;
}

function erasureView(progress: ErasureProgress | undefined): ErasureView {
  if (!progress) return { status: 'none', deleted: 0, anonymised: 0 };
  return { status: progress.status, deleted: progress.deleted, anonymised: progress.anonymised, startedAt: progress.startedAt, updatedAt: progress.updatedAt };
}

/** A stored record as plain JSON for the page. */
function plain(value: object): Readonly<Record<string, unknown>> {
  return value as unknown as Readonly<Record<string, unknown>>;
}
