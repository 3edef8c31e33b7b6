import { SANDBOX_MEMBERS, findMember, type SlackMember } from './workspace';

type Args = Readonly<Record<string, string>>;

/** What a test changed in the directory since the workspace was seeded. */
export interface DirectoryChanges {
  /** users.list returns at most this many members a page, whatever limit is asked. */
  readonly pageCap?: number | undefined;
  /** People an admin deactivated since: Slack keeps them, flagged `deleted`. */
  readonly deactivated?: ReadonlySet<string>;
}

function asNow(member: SlackMember, changes: DirectoryChanges): SlackMember {
  return changes.deactivated?.has(member.id) ? { ...member, deleted: true } : member;
}

export function usersInfo(args: Args, changes: DirectoryChanges = {}): Record<string, unknown> {
  const user = findMember(args['user'] ?? '');
  return user ? { ok: true, user: asNow(user, changes) } : { ok: false, error: 'user_not_found' };
}

/**
 * users.list with Slack's cursor paging: `limit` members a page, and
 * `response_metadata.next_cursor` (base64 of `user:<next id>`, as Slack's
 * look) until the last page, where it is empty. No limit returns everyone.
 * A page cap returns fewer than asked, as Slack may ("fewer results than your
 * specified limit, even when there are additional results").
 */
export function usersList(args: Args, changes: DirectoryChanges = {}): Record<string, unknown> {
  const { pageCap } = changes;
  const asked = args['limit'] ? Number(args['limit']) : 0;
  if (!Number.isInteger(asked) || asked < 0) return { ok: false, error: 'invalid_limit' };
  const limit = pageCap !== undefined ? Math.min(asked || pageCap, pageCap) : asked;
  let start = 0;
  if (args['cursor']) {
    const id = /^user:(.+)$/.exec(Buffer.from(args['cursor'], 'base64').toString('utf8'))?.[1];
    start = SANDBOX_MEMBERS.findIndex((m) => m.id === id);
    if (start < 0) return { ok: false, error: 'invalid_cursor' };
  }
  const end = limit > 0 ? Math.min(start + limit, SANDBOX_MEMBERS.length) : SANDBOX_MEMBERS.length;
  const next = SANDBOX_MEMBERS[end];
  return {
    ok: true,
    members: SANDBOX_MEMBERS.slice(start, end).map((m) => asNow(m, changes)),
    cache_ts: 1_700_000_000,
    response_metadata: { next_cursor: next ? Buffer.from(`user:${next.id}`).toString('base64') : '' },
  };
}
