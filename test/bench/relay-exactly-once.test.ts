import { checkDelivery } from '../../bench/lib/delivery-check';
import { startBenchPlatform, type BenchPlatform } from '../../bench/lib/harness';
import { openLanes } from '../../bench/lib/lanes';
import { messageText, runLoad } from '../../bench/lib/load';
import { SANDBOX_WORKSPACE } from '../../packages/forge-local/src/slack';

/**
 * Relayed messages under concurrent load, through the real door: signed Events
 * API requests to the Slack web trigger of the local platform (file database,
 * WAL, as shipped), relays counted where the fake Slack received them.
 *
 * Order is promised per lane: one person's messages in one conversation, each
 * sent after the previous one was acknowledged, while all lanes run at once.
 * Two messages of one conversation in flight at the same time have no order
 * (Slack itself does not promise one), so the test does not ask for it.
 */
let bench: BenchPlatform;

beforeEach(async () => {
  bench = await startBenchPlatform();
});
afterEach(async () => {
  await bench.close();
});

describe('relaying under concurrent load', () => {
  it('should relay every acknowledged message exactly once, in order per lane, with retried deliveries ignored', async () => {
    const layout = await openLanes(bench, 16);
    const calls0 = bench.slack.apiCalls.length;

    const result = await runLoad({
      url: bench.platform.webTriggerUrl('slack-events'),
      signingSecret: SANDBOX_WORKSPACE.signingSecret,
      lanes: layout.lanes,
      messages: 200,
      tag: 'once',
      // Every 10th message arrives twice at once (Slack's retry racing the original), and the first 5 once more at the end.
      duplicateEvery: 10,
      redeliverAfter: 5,
    });
    await bench.settle();

    expect(result.errors).toEqual([]);
    expect(result.sent.every((s) => s.status === 200)).toBe(true);
    expect(result.duplicateStatuses).toHaveLength(25);
    expect(result.duplicateStatuses.every((status) => status === 200)).toBe(true);
    const check = checkDelivery('once', layout.lanes, result.sent, bench.slack.apiCalls.slice(calls0));
    expect(check).toMatchObject({ acknowledged: 200, received: 200, duplicates: 0, losses: 0, outOfOrder: 0, misrouted: 0 });
    expect(check.lanesInOrder).toBe(16);
    expect(layout.lanes.some((l) => l.direction === 'operator-to-user')).toBe(true);
    expect(bench.invocations.filter((i) => i.failed)).toEqual([]);
    // About 3 s alone; the margin is for `npm test` running every suite at once on 2 cores.
    // A relay that times out under load waits 10 s before its checked retry: room for that on a busy machine.
  }, 90_000);
});

describe('the delivery check the bench relies on', () => {
  const lanes = [{ id: 0, from: 'UGEN1', to: 'UALICE', senderName: 'Gen 1', direction: 'user-to-operator' as const }];
  const sent = [0, 1, 2].map((seq) => ({ lane: 0, seq, eventId: `Ev${seq}`, status: 200, latencyMs: 1 }));
  const post = (seq: number, extra: Record<string, string> = {}) => ({
    method: 'chat.postMessage',
    args: { channel: 'UALICE', username: 'Gen 1', text: messageText('t', 0, seq), ...extra },
    status: 200,
    ok: true,
  });

  it('should find duplicates, losses, reordering and misrouting', () => {
    expect(checkDelivery('t', lanes, sent, [post(0), post(1), post(2)])).toMatchObject({ duplicates: 0, losses: 0, outOfOrder: 0, misrouted: 0, lanesInOrder: 1 });
    expect(checkDelivery('t', lanes, sent, [post(0), post(0), post(1), post(2)])).toMatchObject({ duplicates: 1, lanesInOrder: 0 });
    expect(checkDelivery('t', lanes, sent, [post(0), post(2)])).toMatchObject({ losses: 1, lanesInOrder: 0 });
    expect(checkDelivery('t', lanes, sent, [post(1), post(0), post(2)])).toMatchObject({ outOfOrder: 1, lanesInOrder: 0 });
    expect(checkDelivery('t', lanes, sent, [post(0), post(1, { channel: 'UBRUNO' }), post(2)])).toMatchObject({ misrouted: 1 });
  });
});
