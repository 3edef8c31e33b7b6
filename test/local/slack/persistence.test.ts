import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startSandbox } from './support/sandbox-harness';

describe('the Slack sandbox’s conversations in SQLite', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'slack-sandbox-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('should keep every conversation across closing and reopening the database', async () => {
    const file = path.join(dir, 'koji.sqlite');
    const first = await startSandbox({ db: new Database(file), echoBotMessages: false });
    const sent = await first.sandbox.sendAs('UBOB', 'hello');
    const posted = await first.client().chat.postMessage({ channel: 'UBOB', text: 'hi Bob', username: 'Alice', blocks: [{ type: 'divider' }] });
    const before = first.sandbox.conversation('UBOB');
    await first.close();

    // The clock went backwards (or the restart came within the same microsecond): new messages still come after.
    const second = await startSandbox({ db: new Database(file), echoBotMessages: false, now: () => 0 });
    expect(second.sandbox.conversation('UBOB')).toEqual(before);
    expect(before.map((m) => [m.ts, m.user, m.text, m.username])).toEqual([
      [sent.ts, 'UBOB', 'hello', undefined],
      [posted.ts, 'U0KOJIBOT', 'hi Bob', 'Alice'],
    ]);
    const later = await second.client().chat.postMessage({ channel: 'UBOB', text: 'still here' });
    expect(Number(later.ts) > Number(posted.ts)).toBe(true);
    expect(second.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'slack_sandbox_%'").pluck().all()).toEqual(['slack_sandbox_message', 'slack_sandbox_file']);
    await second.close();
  });
});
