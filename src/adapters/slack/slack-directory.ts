import type { WebClient } from '@slack/web-api';
import { TenantConnectionError } from './slack-connection';

/** Why someone Slack lists cannot be an operator. */
export type Unfit = 'slackbot' | 'bot' | 'deactivated';

export interface TenantPerson {
  readonly userId: string;
  readonly displayName: string;
  /** The full name, when it is not the display name: people look for either. */
  readonly realName?: string | undefined;
  readonly email?: string | undefined;
  /** Teams: the person's Microsoft Entra (AAD) object id, as Teams gave it; the Privacy tab finds people by it. */
  readonly aadObjectId?: string | undefined;
  /**
   * Set when this is not an active person (`unknown`: the directory no longer lists them at all):
   * the role setup page only lists them to take a role away.
   */
  readonly unfit?: Unfit | 'unknown' | undefined;
}

/** Slack's own assistant: a member that users.list does not flag as a bot. */
const SLACKBOT = 'USLACKBOT';

/** The members of one users.list page: people who can be operators, and the others, for role holders who became one. */
export interface SlackPeoplePage {
  readonly people: TenantPerson[];
  readonly leftOut: TenantPerson[];
  readonly cursor?: string | undefined;
}

/**
 * One page of a workspace's people for the role setup page: bots, apps,
 * deactivated accounts and Slackbot are left out, since none can be an operator.
 */
export async function listSlackPeople(client: WebClient, page: { cursor?: string | undefined; limit?: number }): Promise<SlackPeoplePage> {
  try {
    const result = await client.users.list({ limit: page.limit ?? 200, ...(page.cursor ? { cursor: page.cursor } : {}) });
    const members = (result.members ?? []).filter((m) => m.id).map(personOf);
    return {
      people: members.filter((m) => !m.unfit),
      leftOut: members.filter((m) => m.unfit),
      cursor: result.response_metadata?.next_cursor || undefined,
    };
  } catch (error) {
    throw new TenantConnectionError(`Slack did not list the workspace’s people (${reasonOf(error)}).`, { cause: error });
  }
}

/** One member by id (users.info), unfit ones included: the caller decides what they may still be given. */
export async function lookUpSlackPerson(client: WebClient, userId: string): Promise<TenantPerson | undefined> {
  try {
    const { user } = await client.users.info({ user: userId });
    return user?.id ? personOf(user) : undefined;
  } catch (error) {
    if (reasonOf(error) === 'user_not_found') return undefined;
    throw new TenantConnectionError(`Slack did not say who this is (${reasonOf(error)}).`, { cause: error });
  }
}

/** The fields of a users.list `Member` or a users.info `User` that decide who someone is. */
interface SlackMember {
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  readonly real_name?: string | undefined;
  readonly deleted?: boolean | undefined;
  readonly is_bot?: boolean | undefined;
  readonly is_app_user?: boolean | undefined;
  readonly profile?: { readonly display_name?: string | undefined; readonly real_name?: string | undefined; readonly email?: string | undefined } | undefined;
}

function personOf(m: SlackMember): TenantPerson {
  const userId = m.id ?? '';
  const unfit: Unfit | undefined = userId === SLACKBOT ? 'slackbot' : m.is_bot || m.is_app_user ? 'bot' : m.deleted ? 'deactivated' : undefined;
  const displayName = m.profile?.display_name || m.profile?.real_name || m.real_name || m.name || userId;
  const realName = m.profile?.real_name || m.real_name;
  return {
    userId,
    displayName,
    ...(realName && realName !== displayName ? { realName } : {}),
    email: m.profile?.email,
    ...(unfit ? { unfit } : {}),
  };
}

function reasonOf(error: unknown): string {
  return (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
}
