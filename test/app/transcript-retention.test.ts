import { sweepRetention } from '../../src/app/history/retention-sweep';
import { sweepTimeouts } from '../../src/app/queue/sweep-timeouts';
import { DAY_SECONDS } from '../../src/domain/history';
import type { TranscriptLine } from '../../src/domain/transcript';
import { printerConversation } from '../builders/scenes';
import { World } from '../builders/world';

const DAY_MS = DAY_SECONDS * 1000;

/** Transcripts stored before retention existed: lines with no TTL, as the app wrote them until now. */
async function storedBeforeRetention(world: World, conversations: number, linesEach: number): Promise<string[]> {
  const ids: string[] = [];
  for (let c = 0; c < conversations; c += 1) {
    const id = `slack/T1/UOLD${c}/Ev${c}`;
    ids.push(id);
    for (let l = 0; l < linesEach; l += 1) {
      world.clock.advanceMs(1000);
      const line: TranscriptLine = { id: `Ev${c}-${l}`, at: world.clock.now(), role: 'user', speakerName: 'Old', text: `line ${l}` };
      await world.transcripts.append(id, line);
    }
  }
  return ids;
}

async function linesLeft(world: World, ids: readonly string[]): Promise<number> {
  let left = 0;
  for (const id of ids) left += (await world.transcripts.read(id)).length;
  return left;
}

describe('transcripts stored before retention', () => {
  it('should delete them once past the retention, a bounded share per run, resuming where the last run stopped', async () => {
    const world = new World();
    await world.enableLiveAgents({ retentionDays: 30 });
    const old = await storedBeforeRetention(world, 3, 4);
    world.clock.advanceMs(31 * DAY_MS);
    const limits = { maxLines: 5, page: 2 };

    const first = await sweepRetention(world.deps, await world.settings.allProjects(), limits);
    const afterFirst = await linesLeft(world, old);
    const second = await sweepRetention(world.deps, await world.settings.allProjects(), limits);
    const third = await sweepRetention(world.deps, await world.settings.allProjects(), limits);

    expect([first, second, third]).toEqual([
      { deleted: 5, more: true },
      { deleted: 5, more: true },
      { deleted: 2, more: false },
    ]);
    expect(afterFirst).toBe(7);
    expect(await linesLeft(world, old)).toBe(0);
  });

  it('should be safe to run twice, even at once: nothing is deleted twice and nothing is left', async () => {
    const world = new World();
    await world.enableLiveAgents({ retentionDays: 7 });
    const old = await storedBeforeRetention(world, 2, 3);
    world.clock.advanceMs(8 * DAY_MS);
    const projects = await world.settings.allProjects();

    const [a, b] = await Promise.all([sweepRetention(world.deps, projects), sweepRetention(world.deps, projects)]);
    const again = await sweepRetention(world.deps, projects);

    expect(a.deleted + b.deleted).toBe(6);
    expect(again).toEqual({ deleted: 0, more: false });
    expect(await linesLeft(world, old)).toBe(0);
  });

  it('should keep lines still within the longest retention of the site’s projects', async () => {
    const world = new World();
    await world.enableLiveAgents({ retentionDays: 30 });
    await world.settings.put('20000', { ...(await world.settings.get('10000'))!, retentionDays: 180 });
    const old = await storedBeforeRetention(world, 1, 2);
    world.clock.advanceMs(100 * DAY_MS);

    const report = await sweepRetention(world.deps, await world.settings.allProjects());

    expect(report).toEqual({ deleted: 0, more: false });
    expect(await linesLeft(world, old)).toBe(2);
  });

  it('should leave conversations written since alone: their lines carry the project’s retention as a TTL', async () => {
    const { world, alice, bob } = await printerConversation({ retentionDays: 30 });
    const conversation = await world.conversationOf(bob);
    await world.say(alice, 'stop');
    world.clock.advanceMs(29 * DAY_MS);

    const report = await sweepRetention(world.deps, await world.settings.allProjects());

    expect(report.deleted).toBe(0);
    expect((await world.transcripts.read(conversation!.id)).map((l) => l.text)).toContain('HP 4250');
  });

  it('should run with the timeout sweep, which reports what it deleted', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const old = await storedBeforeRetention(world, 1, 3);
    world.clock.advanceMs(91 * DAY_MS);

    const report = await sweepTimeouts(world.deps);
    const quiet = await sweepTimeouts(world.deps);

    expect(report.transcriptLinesDeleted).toBe(3);
    expect(quiet.transcriptLinesDeleted).toBeUndefined();
    expect(await linesLeft(world, old)).toBe(0);
  });
});
