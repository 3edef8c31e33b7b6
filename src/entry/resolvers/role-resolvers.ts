import { grantOperatorRole, revokeOperatorRole, setOperatorCapacity } from '../../app/settings/manage-operator-role';
import type { TenantPerson, Unfit } from '../../adapters/slack/slack-directory';
import { buildServices, type Services } from '../../composition';
import { checkOperatorCapacity } from '../../domain/settings';
import { KojiError } from '../../domain/koji-error';
import { capacityOf, operatorLoad, type Operator } from '../../domain/operator';
import type { Participant } from '../../domain/participant';
import type { TenantUserView } from '../../shared/resolver-contract';
import { InvalidRequestError, callerEmail, forAdmins, optionalStringField, stringField, type ResolverHandler } from './resolver-kit';
import { tenantOf } from './tenant-resolvers';
import { tenantDirectoryOf, type TenantDirectory } from './tenant-directory';
import { auditAdminAction, auditCapacity } from './audit-trail';

class OwnRoleError extends KojiError {
  readonly code = 'own_role';

  constructor() {
    super('You can’t change your own role. Ask another Jira admin.');
  }
}

class NotAPersonError extends KojiError {
  readonly code = 'not_a_person';
}

/** Slack ids, and Teams ids such as `29:1XJKJ…`. */
export const USER_ID = /^[A-Za-z0-9:_-]{3,200}$/;
/** Enough to fill a page of the role setup list; more come with the cursor. */
const PAGE_SIZE = 50;
/**
 * A filter that matches few people would otherwise read the whole workspace in
 * one call (users.list gives 200 a page): at most this many pages per call,
 * then the page is told to keep searching with the cursor.
 */
const MAX_PAGES_PER_CALL = 5;

const UNFIT_REASON: Record<Unfit, (name: string) => string> = {
  slackbot: () => 'Slackbot is Slack’s own assistant, not a person, so it can’t be given the Live agent role.',
  bot: (name) => `${name} is a bot or an app, not a person, so it can’t be given the Live agent role.`,
  deactivated: (name) => `${name}’s Slack account is deactivated, so they can’t be given the Live agent role.`,
};

export const roleResolvers: Record<string, ResolverHandler> = {
  'tenant-users/list': forAdmins(async ({ projectId, payload }) => {
    const directory = await tenantDirectoryOf(projectId, payload);
    const query = optionalStringField(payload, 'query')?.trim().toLowerCase();
    const startedAt = optionalStringField(payload, 'cursor');
    const { services } = directory;
    // Only this project's role holders: another project may serve people of the same workspace or tenant.
    const holders = (await services.state.operatorsOfTenant(directory.channel, directory.tenantId)).map((o) => o.value).filter((o) => o.projectId === projectId);
    const holderOf = (userId: string) => holders.find((o) => o.participant.userId === userId);

    const found: TenantPerson[] = [];
    const seen = new Set<string>();
    let cursor = startedAt;
    let pages = 0;
    let searched = 0;
    do {
      const page = await directory.people({ cursor });
      pages += 1;
      searched += page.people.length + page.leftOut.length;
      // Someone who became a bot or was deactivated after being given the role is still listed, so it can be taken away.
      for (const person of [...page.people, ...page.leftOut.filter((p) => holderOf(p.userId))]) {
        seen.add(person.userId);
        if (matches(person, query)) found.push(person);
      }
      cursor = page.cursor;
    } while (cursor && found.length < PAGE_SIZE && pages < MAX_PAGES_PER_CALL);
    // Role holders the directory no longer returns at all (a Teams person the bot forgot): only a call that read
    // the whole directory knows they are missing.
    if (!startedAt && !cursor) {
      for (const holder of holders.filter((o) => !seen.has(o.participant.userId))) {
        const person: TenantPerson = { userId: holder.participant.userId, displayName: holder.displayName, unfit: 'unknown' };
        if (matches(person, query)) found.push(person);
      }
    }

    const me = await callerEmail();
    const capacity = (await services.settings.get(projectId))?.operatorCapacity ?? 1;
    const stoppedEarly = cursor !== undefined && found.length < PAGE_SIZE;
    return {
      users: found.map((person) => userView(person, holderOf(person.userId), capacity, me)),
      cursor,
      ...(stoppedEarly ? { hint: `${searched} members searched so far, and there are more: Load more keeps searching.` } : {}),
    };
  }),
  'roles/grant': forAdmins(async ({ projectId, payload, accountId }) => {
    const directory = await tenantDirectoryOf(projectId, payload);
    const participant = personOf(directory, payload);
    const person = await directory.person(participant.userId);
    if (!person) {
      throw new NotAPersonError(
        directory.channel === 'slack'
          ? 'Slack doesn’t know this person in the workspace, so they can’t be given the Live agent role.'
          : 'This person hasn’t installed the Koji app in Teams or written to it yet, so they can’t be given the Live agent role.',
      );
    }
    if (person.unfit && person.unfit !== 'unknown') throw new NotAPersonError(UNFIT_REASON[person.unfit](person.displayName));
    await refuseOwnRole(directory.services, person.email);
    const result = await grantOperatorRole(directory.services, { projectId, participant, displayName: person.displayName });
    if (result === 'granted') await auditAdminAction({ projectId, accountId }, { kind: 'role-granted', subject: { ...participant, name: person.displayName } });
    return { result };
  }),
  /** Every field is checked before anything is read; the operator is looked up in this project only. */
  'roles/capacity': forAdmins(async ({ projectId, payload, accountId }) => {
    const { channel, tenantId } = tenantOf(payload);
    const userId = stringField(payload, 'userId', USER_ID);
    const capacity = capacityField(payload);
    const set = await setOperatorCapacity(buildServices({ projectId }), { channel, tenantId, userId }, projectId, capacity);
    if (set.result !== 'set') return set;
    await auditCapacity({ projectId, accountId }, { channel, tenantId, userId }, set, capacity);
    return { result: set.result, capacity: set.capacity };
  }),
  'roles/revoke': forAdmins(async ({ projectId, payload, accountId }) => {
    const directory = await tenantDirectoryOf(projectId, payload);
    const participant = personOf(directory, payload);
    const person = await profileOf(directory, participant);
    await refuseOwnRole(directory.services, person?.email);
    const result = await revokeOperatorRole(directory.services, participant, projectId);
    if (result === 'revoked') await auditAdminAction({ projectId, accountId }, { kind: 'role-removed', subject: { ...participant, name: person?.displayName ?? participant.userId } });
    return { result };
  }),
};

/** `null`: back to the project's capacity; else a whole number within the project setting's bounds. */
function capacityField(payload: unknown): number | undefined {
  const value = (payload as Record<string, unknown> | undefined)?.['capacity'];
  if (value === null) return undefined;
  if (typeof value !== 'number') throw new InvalidRequestError('“capacity” must be a number of conversations, or null for the project’s operator capacity.');
  checkOperatorCapacity(value);
  return value;
}

function matches(person: TenantPerson, query: string | undefined): boolean {
  if (!query) return true;
  return [person.displayName, person.realName, person.email].some((field) => field?.toLowerCase().includes(query));
}

function userView(person: TenantPerson, operator: Operator | undefined, capacity: number, me: string | undefined): TenantUserView {
  return {
    userId: person.userId,
    displayName: person.displayName,
    email: person.email,
    role: operator ? 'live-agent' : 'none',
    duty: operator?.duty,
    load: operator ? operatorLoad(operator) : undefined,
    capacity: operator ? capacityOf(operator, capacity) : undefined,
    ownCapacity: operator?.capacity,
    ...(person.unfit ? { unfit: person.unfit } : {}),
    ...(isSamePerson(me, person.email) ? { self: true } : {}),
  };
}

function personOf(directory: TenantDirectory, payload: unknown): Participant {
  return { channel: directory.channel, tenantId: directory.tenantId, userId: stringField(payload, 'userId', USER_ID) };
}

/** A role can still be taken from someone the chat no longer knows: then there is no e-mail to compare, nor name. */
async function profileOf(directory: TenantDirectory, participant: Participant): Promise<TenantPerson | undefined> {
  try {
    return await directory.person(participant.userId);
  } catch (error) {
    if (!(error instanceof KojiError)) throw error;
    directory.services.log.warn('profile_unavailable', { userId: participant.userId, code: error.code });
    return undefined;
  }
}

function isSamePerson(callerEmailAddress: string | undefined, personEmail: string | undefined): boolean {
  return callerEmailAddress !== undefined && personEmail !== undefined && callerEmailAddress.trim().toLowerCase() === personEmail.trim().toLowerCase();
}

/**
 * As in Koji, an admin cannot change their own role; people are matched by e-mail across Jira and the chat.
 * When either e-mail is unknown (Jira hides it, Slack has no users:read.email, Teams gives none) the change
 * goes ahead: the rule keeps admins from changing their own role by mistake, it guards no privilege (an
 * operator can do less than an admin), and refusing would block every role change in such a tenant.
 */
async function refuseOwnRole(services: Services, personEmail: string | undefined): Promise<void> {
  const me = await callerEmail();
  if (isSamePerson(me, personEmail)) throw new OwnRoleError();
  if (!me || !personEmail) services.log.info('own_role_unverified', { callerEmailKnown: Boolean(me), personEmailKnown: Boolean(personEmail) });
}
