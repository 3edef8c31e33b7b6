import { ForgeWorkQueue } from '../../src/adapters/forge/forge-work-queue';
import type { FinishedInvocation } from '../../packages/forge-local/src/function-runner';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';

describe('the work queue on the local platform', () => {
  let platform: LocalPlatform;
  const invocations: FinishedInvocation[] = [];

  beforeEach(async () => {
    invocations.length = 0;
    platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', onInvocation: (i) => invocations.push(i) });
  });
  afterEach(() => platform.close());

  it('should run a pushed chat job in the chat-work consumer, which hands it to the core', async () => {
    await new ForgeWorkQueue().push(
      {
        kind: 'handle-message',
        message: { id: 'Ev1', projectId: '10000', from: { channel: 'slack', tenantId: 'T1', userId: 'U1' }, text: 'hello', sentAt: 1 },
      },
      'slack/T1/U1',
    );
    await platform.queue.drained();

    const consumer = invocations.find((i) => i.functionKey === 'chat-consumer');
    expect(consumer?.failed).toBe(false);
    // The bot path records the user's message: one KVS write happened inside the consumer.
    expect(consumer?.counters.kvsWrites).toBeGreaterThanOrEqual(1);
  });

  it('should drop a malformed job without retrying it', async () => {
    await new ForgeWorkQueue().push({ kind: 'handle-message' } as never, 'k');
    await platform.queue.drained();

    expect(invocations.filter((i) => i.functionKey === 'chat-consumer')).toHaveLength(1);
    expect(invocations[0]?.failed).toBe(false);
  });
});
