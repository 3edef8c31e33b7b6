import { DAY_SECONDS, DEFAULT_RETENTION_DAYS } from '../../domain/history';
import { messageOf } from '../../domain/koji-error';
import type { LiveAgentSettings } from '../../domain/settings';
import type { CoreDeps } from '../ports';

/** One run's share: a few pages of deletes, so the timeout sweep's own work keeps its time. */
export const RETENTION_LIMITS = { maxLines: 500, page: 100, maxPages: 8 } as const;

export interface RetentionReport {
  /** Transcript lines past retention that carried no TTL, deleted this run. */
  readonly deleted: number;
  /** More are due: the next run continues with them. */
  readonly more: boolean;
}

/**
 * The one-off migration of transcripts stored before retention, kept as a standing step of the timeout sweep:
 * lines that carry no TTL are deleted once they are older than the longest retention of the site's projects (a
 * line names its conversation, not its project, so the longest is the only one that deletes nothing a project
 * still keeps). Lines written since retention carry their project's TTL and are gone by then, so once the old
 * ones are gone a run reads one empty page.
 *
 * Resumable and safe to run twice without a stored cursor: the work left is the head of the `by-time` index (a
 * deleted line leaves it), a run stops after RETENTION_LIMITS, and deleting a line already gone changes nothing.
 */
export async function sweepRetention(
  deps: Pick<CoreDeps, 'transcriptRetention' | 'clock' | 'log'>,
  projects: ReadonlyArray<{ readonly settings: LiveAgentSettings }>,
  limits: { readonly maxLines: number; readonly page: number; readonly maxPages?: number } = RETENTION_LIMITS,
): Promise<RetentionReport> {
  const retention = deps.transcriptRetention;
  if (!retention) return { deleted: 0, more: false };
  const longestDays = projects.length === 0 ? DEFAULT_RETENTION_DAYS : Math.max(...projects.map((p) => p.settings.retentionDays));
  const before = deps.clock.now() - longestDays * DAY_SECONDS * 1000;
  let deleted = 0;
  let cursor: string | undefined;
  try {
    // A page may hold fewer than asked (a store may fill a page before it filters out lines that keep a TTL): a
    // run also stops after `maxPages`, and the next one starts again at the head, where what is left waits.
    for (let pages = 0; pages < (limits.maxPages ?? RETENTION_LIMITS.maxPages); pages += 1) {
      const page = await retention.deleteLinesBefore(before, Math.min(limits.page, limits.maxLines - deleted), cursor);
      deleted += page.deleted;
      cursor = page.cursor;
      if (cursor === undefined) return { deleted, more: false };
      if (deleted >= limits.maxLines) return { deleted, more: true };
    }
    return { deleted, more: true };
  } catch (error) {
    deps.log.warn('retention_sweep_failed', { deleted, reason: messageOf(error) });
    return { deleted, more: true };
  }
}
