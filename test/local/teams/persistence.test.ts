import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { TEAMS_SANDBOX, personalConversationId } from '../../../packages/forge-local/src/teams';
import { startTeamsSandbox } from './support/teams-harness';

const VIC = TEAMS_SANDBOX.people.find((p) => p.key === 'vic')!;

describe('the Teams sandbox’s state in SQLite', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'teams-sandbox-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('should keep installations and conversations across closing and reopening the database', async () => {
    const file = path.join(dir, 'koji.sqlite');
    const first = await startTeamsSandbox({ db: new Database(file) });
    await first.sandbox.install(VIC);
    const sent = await first.sandbox.sendAs(VIC, 'hello');
    const posted = (await (await first.connector('POST', `v3/conversations/${personalConversationId(VIC)}/activities`, { type: 'message', text: 'hi Vic' })).json()) as { id: string };
    const before = first.sandbox.conversation(VIC);
    await first.close();

    // The clock went backwards: new message ids still come after the stored ones.
    const second = await startTeamsSandbox({ db: new Database(file), now: () => 0 });
    expect(second.sandbox.conversation(VIC)).toEqual(before);
    expect(before.map((m) => [m.id, m.from, m.text])).toEqual([
      [sent.activityId, 'person', 'hello'],
      [posted.id, 'bot', 'hi Vic'],
    ]);
    expect(second.sandbox.isInstalled(VIC)).toBe(true);
    const later = (await (await second.connector('POST', `v3/conversations/${personalConversationId(VIC)}/activities`, { type: 'message', text: 'still here' })).json()) as {
      id: string;
    };
    expect(Number(later.id) > Number(posted.id)).toBe(true);
    expect(second.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'teams_sandbox_%' ORDER BY name").pluck().all()).toEqual([
      'teams_sandbox_installation',
      'teams_sandbox_message',
    ]);
    await second.close();
  });
});
