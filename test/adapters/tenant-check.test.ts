import path from 'node:path';
import { kvs } from '@forge/kvs';
import { KvsSlackWorkspaces, type SlackWorkspace } from '../../src/adapters/slack/slack-workspaces';
import { loadEntityDefinitions } from '../../packages/forge-local/src/kvs';
import { startLocalKvs, type LocalKvsHarness } from '../local/support/local-kvs-harness';

/** A tenant's status is written next to a connection an admin may be changing at the same moment. */
let harness: LocalKvsHarness | undefined;
beforeEach(() => {
  harness = startLocalKvs({ entities: loadEntityDefinitions(path.join(__dirname, '..', '..', 'manifest.yml')) });
});
afterEach(() => harness?.close());

const workspace = (projectId: string, teamName: string): SlackWorkspace => ({
  teamId: 'T0RACE',
  teamName,
  projectId,
  botUserId: 'UBOT',
  botToken: `xoxb-${projectId}`,
  signingSecret: `secret-${projectId}`,
  connectedAt: Number(projectId),
});

const failing = { ok: false, at: 5, message: 'token_revoked' };

describe('recording the result of Test connection', () => {
  it('should put the result on the summary of the workspace that was tested', async () => {
    const workspaces = new KvsSlackWorkspaces(kvs);
    const tested = workspace('10000', 'Acme');
    await workspaces.put(tested, { ok: true, at: 1 });

    await workspaces.recordCheck(tested, failing);

    expect(await workspaces.list()).toEqual([expect.objectContaining({ projectId: '10000', teamName: 'Acme', lastCheck: failing })]);
  });

  it('should record nothing once the workspace was disconnected', async () => {
    const workspaces = new KvsSlackWorkspaces(kvs);
    const tested = workspace('10000', 'Acme');
    await workspaces.put(tested, { ok: true, at: 1 });
    await workspaces.remove(tested.teamId);

    await workspaces.recordCheck(tested, failing);

    expect(await workspaces.list()).toEqual([]);
  });

  it('should leave the reconnected workspace as its connection wrote it, not as the tested one was', async () => {
    const workspaces = new KvsSlackWorkspaces(kvs);
    const tested = workspace('10000', 'Acme');
    await workspaces.put(tested, { ok: true, at: 1 });
    await workspaces.remove(tested.teamId);
    await workspaces.put(workspace('20000', 'Acme (new project)'), { ok: true, at: 7 });

    await workspaces.recordCheck(tested, failing);

    expect(await workspaces.list()).toEqual([expect.objectContaining({ projectId: '20000', teamName: 'Acme (new project)', lastCheck: { ok: true, at: 7 } })]);
  });
});
