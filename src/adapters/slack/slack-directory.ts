import type { WebClient } from '@slack/web-api';
import { TenantConnectionError } from './slack-connection';

export interface TenantPerson {
  readonly userId: string;
  readonly displayName: string;
  readonly email?: string | undefined;
}

/**
 * One page of a workspace's people for the role setup page: bots, apps,
 * deactivated accounts and Slackbot are left out, since none can be an operator.
 */
export async function listSlackPeople(client: WebClient, page: { cursor?: string | undefined; limit?: number }): Promise<{ people: TenantPerson[]; cursor?: string | undefined }> {
  try {
    const result = await client.users.list({ limit: page.limit ?? 200, ...(page.cursor ? { cursor: page.cursor } : {}) });
    const people = (result.members ?? [])
      .filter((m) => m.id && !m.deleted && !m.is_bot && !m.is_app_user && m.id !== 'USLACKBOT')
      .map((m) => ({
        userId: m.id ?? '',
        displayName: m.profile?.display_name || m.profile?.real_name || m.real_name || m.name || (m.id ?? ''),
        email: m.profile?.email,
      }));
    return { people, cursor: result.response_metadata?.next_cursor || undefined };
  } catch (error) {
    const reason = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    throw new TenantConnectionError(`Slack did not list the workspace's people (${reason}).`, { cause: error });
  }
}
