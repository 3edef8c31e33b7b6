import { SANDBOX_MEMBERS, findMember } from './workspace';

type Args = Readonly<Record<string, string>>;

export function usersInfo(args: Args): Record<string, unknown> {
  const user = findMember(args['user'] ?? '');
  return user ? { ok: true, user } : { ok: false, error: 'user_not_found' };
}

/**
 * users.list with Slack's cursor paging: `limit` members a page, and
 * `response_metadata.next_cursor` (base64 of `user:<next id>`, as Slack's
 * look) until the last page, where it is empty. No limit returns everyone.
 */
export function usersList(args: Args): Record<string, unknown> {
  const limit = args['limit'] ? Number(args['limit']) : 0;
  if (!Number.isInteger(limit) || limit < 0) return { ok: false, error: 'invalid_limit' };
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
    members: SANDBOX_MEMBERS.slice(start, end),
    cache_ts: 1_700_000_000,
    response_metadata: { next_cursor: next ? Buffer.from(`user:${next.id}`).toString('base64') : '' },
  };
}
