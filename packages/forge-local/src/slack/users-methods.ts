import { SANDBOX_MEMBERS, findMember, type SlackMember } from './workspace';

type Args = Readonly<Record<string, string>>;

/** What a test changed in the directory since the workspace was seeded. */
export interface DirectoryChanges {
  /** users.list returns at most this many members a page, whatever limit is asked. */
  readonly pageCap?: number | undefined;
  /** People an admin deactivated since: Slack keeps them, flagged `deleted`. */
  readonly deactivated?: ReadonlySet<string>;
}

/** A member as the call gets them: deactivated since, if they were; their `locale` only when asked for (`include_locale`). */
function asNow(member: SlackMember, changes: DirectoryChanges, args: Args): Omit<SlackMember, 'locale'> & { readonly locale?: string } {
  const { locale, ...withoutLocale } = changes.deactivated?.has(member.id) ? { ...member, deleted: true } : member;
  return includesLocale(args) ? { ...withoutLocale, locale } : withoutLocale;
}

/** Slack reads a boolean argument as true when it is `true` or `1` (a JSON `true` arrives here as `true`). */
function includesLocale(args: Args): boolean {
  const flag = args['include_locale'];
  return flag === 'true' || flag === '1';
}

/** users.info: the member, with `locale` (`en-US`, `fr-FR`, …) only when `include_locale` is true, as Slack does. */
export function usersInfo(args: Args, changes: DirectoryChanges = {}): Record<string, unknown> {
  const user = findMember(args['user'] ?? '');
  return user ? { ok: true, user: asNow(user, changes, args) } : { ok: false, error: 'user_not_found' };
}

/**
 * users.list with Slack's cursor paging: `limit` members a page, and
 * `response_metadata.next_cursor` (base64 of `user:<next id>`, as Slack's
 * look) until the last page, where it is empty. No limit returns everyone.
 * A page cap returns fewer than asked, as Slack may ("fewer results than your
 * specified limit, even when there are additional results"). Each member's
 * `locale` comes only with `include_locale` true, as in users.info.
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
    members: SANDBOX_MEMBERS.slice(start, end).map((m) => asNow(m, changes, args)),
    cache_ts: 1_700_000_000,
    response_metadata: { next_cursor: next ? Buffer.from(`user:${next.id}`).toString('base64') : '' },
  };
}
