import { grantOperatorRole, revokeOperatorRole } from '../../app/manage-operator-role';
import type { Services } from '../../composition';
import { DomainError } from '../../domain/errors';
import { operatorLoad } from '../../domain/operator';
import type { Participant } from '../../domain/participant';
import { callerEmail, forAdmins, optionalStringField, stringField, type ResolverHandler } from './resolver-kit';
import { tenantDirectoryOf, type TenantDirectory } from './tenant-directory';

class OwnRoleError extends DomainError {
  readonly code = 'own_role';

  constructor() {
    super('You can’t change your own role. Ask another Jira admin.');
  }
}

/** Slack ids, and Teams ids such as `29:1XJKJ…`. */
const USER_ID = /^[A-Za-z0-9:_-]{3,200}$/;
/** Enough to fill a page of the role setup list; more come with the cursor. */
const PAGE_SIZE = 50;

export const roleResolvers: Record<string, ResolverHandler> = {
  'tenant-users/list': forAdmins(async ({ projectId, payload }) => {
    const directory = await tenantDirectoryOf(projectId, payload);
    const query = optionalStringField(payload, 'query')?.toLowerCase();
    const people = [];
    let cursor = optionalStringField(payload, 'cursor');
    do {
      const page = await directory.people({ cursor });
      people.push(...page.people.filter((p) => !query || p.displayName.toLowerCase().includes(query) || p.email?.toLowerCase().includes(query)));
      cursor = page.cursor;
    } while (cursor && people.length < PAGE_SIZE);
    const { services } = directory;
    const operators = await services.state.operatorsOfTenant(directory.channel, directory.tenantId);
    const capacity = (await services.settings.get(projectId))?.operatorCapacity ?? 1;
    return {
      users: people.map((p) => {
        const operator = operators.find((o) => o.value.participant.userId === p.userId)?.value;
        return {
          userId: p.userId,
          displayName: p.displayName,
          email: p.email,
          role: operator ? ('live-agent' as const) : ('none' as const),
          duty: operator?.duty,
          load: operator ? operatorLoad(operator) : undefined,
          capacity: operator ? capacity : undefined,
        };
      }),
      cursor,
    };
  }),
  'roles/grant': forAdmins(async ({ projectId, payload }) => {
    const directory = await tenantDirectoryOf(projectId, payload);
    const participant = personOf(directory, payload);
    const profile = await directory.services.chat.profile(participant);
    await refuseOwnRole(await emailOf(directory.services, participant));
    return { result: await grantOperatorRole(directory.services, { projectId, participant, displayName: profile.displayName }) };
  }),
  'roles/revoke': forAdmins(async ({ projectId, payload }) => {
    const directory = await tenantDirectoryOf(projectId, payload);
    const participant = personOf(directory, payload);
    await refuseOwnRole(await emailOf(directory.services, participant));
    return { result: await revokeOperatorRole(directory.services, participant) };
  }),
};

function personOf(directory: TenantDirectory, payload: unknown): Participant {
  return { channel: directory.channel, tenantId: directory.tenantId, userId: stringField(payload, 'userId', USER_ID) };
}

/** A role can still be taken from someone the chat no longer knows (deactivated): then there is no e-mail to compare. */
async function emailOf(services: Services, participant: Participant): Promise<string | undefined> {
  try {
    return (await services.chat.profile(participant)).email;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    services.log.warn('profile_unavailable', { userId: participant.userId, code: error.code });
    return undefined;
  }
}

/** As in Koji, an admin cannot change their own role; people are matched by e-mail across Jira and the chat. */
async function refuseOwnRole(personEmail: string | undefined): Promise<void> {
  if (!personEmail) return;
  if ((await callerEmail()) === personEmail.toLowerCase()) throw new OwnRoleError();
}
