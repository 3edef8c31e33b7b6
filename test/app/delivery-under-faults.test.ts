import { MAX_WAITING } from '../../src/app/delivery/relay';
import { RELAY_PART_CHARS } from '../../src/app/delivery/send-line';
import { RETRY_WINDOW_MS } from '../../src/app/delivery/timing';
import { ChatDeliveryError } from '../../src/domain/errors';
import { connectedPair } from '../builders/scenes';
import { World } from '../builders/world';

/**
 * Every relayed message reaches the other side once, in order, or its sender
 * is told which one did not. Passing failures (5xx, 429, a timeout, the store
 * failing on the way) are retried from the queue; later messages wait behind
 * the one still undelivered.
 */
describe('delivery when the chat platform fails for a while', () => {
  it('should retry a user’s message the platform failed with a 5xx, and keep later messages behind it', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(alice, '5xx');

    expect(await world.say(bob, 'My VPN drops')).toBe('relayed-later');
    expect(await world.say(bob, 'every hour')).toBe('relayed-later');
    expect(await world.say(bob, 'since Monday')).toBe('relayed-later');
    expect(world.heard(alice)).toEqual([]);

    await world.runQueue();

    expect(world.heard(alice)).toEqual(['My VPN drops', 'every hour', 'since Monday']);
    expect(world.heard(bob)).toEqual([]);
    // The lane is free again: the next message goes straight out.
    expect(await world.say(bob, 'Thanks')).toBe('relayed');
    expect(world.heard(alice).at(-1)).toBe('Thanks');
  });

  it('should retry an operator’s message the same way, in order, without telling anyone of a loss', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(bob, '5xx', 2);

    await world.say(alice, 'Which client do you use?');
    await world.say(alice, 'And which version?');
    await world.runQueue();

    expect(world.heard(bob)).toEqual(['Which client do you use?', 'And which version?']);
    expect(world.heard(alice)).toEqual([]);
  });

  it('should wait as long as the platform asks after a 429', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(alice, '429');

    await world.say(bob, 'Are you there?');

    expect(world.outbox.drains).toEqual([{ job: expect.objectContaining({ kind: 'drain', attempt: 1 }), afterSeconds: 30 }]);
    await world.runQueue();
    expect(world.heard(alice)).toEqual(['Are you there?']);
  });

  it('should retry when the store fails while finding the recipient’s chat, instead of losing the message', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(alice, 'store');

    expect(await world.say(bob, 'Hello?')).toBe('relayed-later');
    await world.runQueue();

    expect(world.heard(alice)).toEqual(['Hello?']);
  });

  it('should back off between attempts and keep trying for the whole retry window', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(alice, '5xx', 6);

    await world.say(bob, 'Still there?');
    const delays: number[] = [];
    while (world.outbox.drains.length > 0) {
      delays.push(world.outbox.drains[0]!.afterSeconds);
      await world.runQueue({ limit: 1 });
    }

    expect(delays).toEqual([5, 10, 20, 40, 80, 120]);
    expect(world.heard(alice)).toEqual(['Still there?']);
  });

  it('should tell the sender which messages did not get through once the retry window is over, and free the lane', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(alice, '5xx', 1000);

    await world.say(bob, 'First');
    await world.say(bob, 'Second');
    await world.runQueue({ limit: 50 });

    expect(world.clock.now()).toBeGreaterThanOrEqual(RETRY_WINDOW_MS);
    expect(world.heard(alice)).toEqual([]);
    expect(world.heard(bob)).toEqual(['2 of your messages couldn’t be delivered to Alice: “First”, “Second”. Please send them again.']);
    expect(world.outbox.drains).toEqual([]);

    world.chat.clearFaults();
    expect(await world.say(bob, 'Third')).toBe('relayed');
    expect(world.heard(alice)).toEqual(['Third']);
  });

  it('should not send twice a message that timed out after the platform took it, where the platform can tell', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.canLookBack = true;
    world.chat.failNext(alice, 'timeout-after-send');

    await world.say(bob, 'Only once please');
    await world.say(bob, 'and then this');
    await world.runQueue();

    expect(world.heard(alice)).toEqual(['Only once please', 'and then this']);
    expect(world.heard(bob)).toEqual([]);
  });

  it('should tell the sender a timed-out message may not have arrived, rather than risk a duplicate, where the platform can’t tell', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.canLookBack = false;
    world.chat.failNext(bob, 'timeout-after-send');

    await world.say(alice, 'Try restarting');
    await world.say(alice, 'then tell me');
    await world.runQueue();

    expect(world.heard(bob)).toEqual(['Try restarting', 'then tell me']);
    expect(world.heard(alice)).toEqual([
      'Your message “Try restarting” may not have reached Bob: the chat service stopped answering while it was being sent. If Bob doesn’t reply to it, please send it again.',
    ]);
  });

  it('should deliver each message once when the queue delivers a job twice', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(alice, '5xx', 2);

    await world.say(bob, 'one');
    await world.say(bob, 'two');
    await world.say(bob, 'three');
    await world.runQueue({ redeliver: true });

    expect(world.heard(alice)).toEqual(['one', 'two', 'three']);
  });

  it('should deliver in order when the queue runs a late job after a newer one', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(alice, '5xx', 2);

    await world.say(bob, 'one');
    await world.runQueue({ limit: 1 });
    await world.say(bob, 'two');
    // The retry job and a duplicate of the first run in reverse order.
    const jobs = [...world.outbox.drains].reverse();
    world.outbox.drains.splice(0, world.outbox.drains.length, ...jobs, ...jobs);
    await world.runQueue();

    expect(world.heard(alice)).toEqual(['one', 'two']);
  });

  it('should answer a platform retry of a message waiting in the backlog as a duplicate, and make sure a job is queued', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(alice, '5xx');
    const message = world.message(bob, 'Hello');

    await world.deliver(message);
    world.outbox.drains.length = 0; // as if the job had never been queued
    expect(await world.deliver(message)).toBe('duplicate');
    await world.runQueue();

    expect(world.heard(alice)).toEqual(['Hello']);
  });

  it('should start a new job when a message joins a backlog whose job was lost', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(alice, '5xx');

    await world.say(bob, 'First');
    world.outbox.drains.length = 0; // the queue gave up on the job
    world.clock.advanceMinutes(20);
    await world.say(bob, 'Second');
    await world.runQueue();

    expect(world.heard(alice)).toEqual(['First', 'Second']);
  });

  it('should stop sending a backlog once the conversation has ended, and tell the sender what did not get through', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(alice, '5xx');

    await world.say(bob, 'Are you still there?');
    await world.say(alice, 'stop');

    expect(world.heard(bob)).toContain('Your message “Are you still there?” couldn’t be delivered to Alice before the conversation ended.');
    world.chat.clear();
    await world.runQueue();
    expect(world.heard(alice)).toEqual([]);
  });

  it('should tell the operator which of their messages did not reach a user who left meanwhile', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(bob, '5xx');

    await world.say(alice, 'Please try this fix');
    await world.say(bob, 'stop');

    expect(world.heard(alice)).toContain('Your message “Please try this fix” couldn’t be delivered to Bob before the conversation ended.');
  });

  it('should still tell the sender at once when the platform refuses a message for good', async () => {
    const { world, bob } = await connectedPair();
    world.chat.unreachable.add('slack/T1/UALICE');

    expect(await world.say(bob, 'Hello')).toBe('relay-failed');

    expect(world.heard(bob)).toEqual(['Your message “Hello” couldn’t be delivered to Alice. Please send it again.']);
    expect(world.outbox.drains).toEqual([]);
  });
});

describe('delivery under faults that race each other', () => {
  it('should not send again a message that went out directly when an older one fails after it', async () => {
    const { world, alice, bob } = await connectedPair();
    const zero = world.message(bob, 'zero');
    const one = world.message(bob, 'one');
    expect(await world.deliver(one)).toBe('relayed');
    world.chat.failNext(alice, '429');

    expect(await world.deliver(zero)).toBe('relayed-later');
    expect(await world.say(bob, 'two')).toBe('relayed-later');
    await world.runQueue();

    expect(world.heard(alice)).toEqual(['one', 'zero', 'two']);
  });

  it('should not drop an older message that joins while the job is sending', async () => {
    const { world, alice, bob } = await connectedPair();
    const one = world.message(bob, 'one');
    const two = world.message(bob, 'two');
    world.chat.failNext(alice, '5xx');
    expect(await world.deliver(two)).toBe('relayed-later');
    const send = world.chat.send.bind(world.chat);
    let joined = false;
    world.chat.send = async (to, message) => {
      if (!joined && message.text === 'two') {
        joined = true;
        expect(await world.deliver(one)).toBe('relayed-later');
      }
      return send(to, message);
    };

    await world.runQueue();

    expect(world.heard(alice)).toEqual(['two', 'one']);
    expect(world.heard(bob)).toEqual([]);
  });

  it('should check before sending again a message whose attempt timed out, even when another message joined meanwhile', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.canLookBack = true;
    world.chat.failNext(alice, '5xx');
    await world.say(bob, 'first');
    world.chat.failNext(alice, 'timeout-after-send');
    const send = world.chat.send.bind(world.chat);
    let joined = false;
    world.chat.send = async (to, message) => {
      if (!joined && message.text === 'first') {
        joined = true;
        await world.say(bob, 'second');
      }
      return send(to, message);
    };

    await world.runQueue();

    expect(world.heard(alice)).toEqual(['first', 'second']);
  });

  it('should not lose a message when the store fails while its backlog is written', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(alice, '5xx');
    const commit = world.state.commit.bind(world.state);
    let failOnce = true;
    world.state.commit = async (writes) => {
      if (failOnce) {
        failOnce = false;
        throw new Error('KVS answered 503');
      }
      return commit(writes);
    };

    expect(await world.say(bob, 'Hello')).toBe('relayed-later');
    await world.runQueue();

    expect(world.heard(alice)).toEqual(['Hello']);
  });

  it('should keep retrying when the store fails inside the job, rather than leave the message stranded', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(alice, '5xx');
    await world.say(bob, 'Hello');
    const read = world.transcripts.read.bind(world.transcripts);
    let failures = 3;
    world.transcripts.read = async (...args) => {
      if (failures > 0) {
        failures -= 1;
        throw new Error('KVS answered 500');
      }
      return read(...args);
    };

    await world.runQueue();

    expect(world.heard(alice)).toEqual(['Hello']);
  });

  it('should tell an operator who forwards a conversation which of their messages had not reached the user, and not strand the next operator’s', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 1 });
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const carol = await world.operator('Carol', { onDuty: true });
    world.chat.clear();
    world.chat.failNext(bob, '5xx');

    expect(await world.say(alice, 'try the fix')).toBe('relayed-later');
    await world.say(alice, 'forward_operator Carol');
    expect(await world.say(carol, 'Hi Bob, Carol here')).toBe('relayed');
    await world.runQueue();

    expect(world.heard(alice)).toContain(
      'Your message “try the fix” couldn’t be delivered to Bob before you forwarded the conversation. It stays in the conversation for whoever takes it over.',
    );
    expect(world.heard(bob).filter((t) => t === 'try the fix')).toEqual([]);
    expect(world.heard(bob)).toContain('Hi Bob, Carol here');
  });

  it('should tell an operator who goes off duty which of their messages had not reached the user', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(bob, '5xx');

    await world.say(alice, 'here is the fix');
    await world.say(alice, '#off');
    await world.runQueue();

    expect(world.heard(alice)).toContain(
      'Your message “here is the fix” couldn’t be delivered to Bob before you went off duty. It stays in the conversation for whoever takes it over.',
    );
    expect(world.heard(bob)).not.toContain('here is the fix');
  });

  it('should refuse at once a message beyond the most a backlog holds, naming it', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(alice, '5xx');
    for (let i = 0; i < MAX_WAITING; i += 1) expect(await world.say(bob, `line ${i}`)).toBe('relayed-later');

    expect(await world.say(bob, 'one too many')).toBe('relay-failed');

    expect(world.heard(bob)).toEqual(['Your message “one too many” couldn’t be delivered to Alice. Please send it again.']);
  });
});

describe('long messages', () => {
  const long = Array.from({ length: 400 }, (_, i) => `Line ${i} of the log, with an emoji 👩‍💻 in it.`).join('\n');

  it('should relay a message too long for one post in parts, in order, nothing lost', async () => {
    const { world, alice, bob } = await connectedPair();

    expect(await world.say(bob, long)).toBe('relayed');

    const parts = world.heard(alice);
    expect(parts.length).toBe(Math.ceil(long.length / RELAY_PART_CHARS));
    expect(parts.join('')).toBe(long);
    expect(parts.every((p) => p.length <= RELAY_PART_CHARS)).toBe(true);
  });

  it('should tell the sender which parts did not arrive when a later part fails, without sending the first again', async () => {
    const { world, alice, bob } = await connectedPair();
    const send = world.chat.send.bind(world.chat);
    let sends = 0;
    world.chat.send = (to, message) => {
      sends += 1;
      return sends === 2 ? Promise.reject(new ChatDeliveryError('Slack refused the part')) : send(to, message);
    };

    await world.say(bob, long);
    await world.runQueue();

    const count = Math.ceil(long.length / RELAY_PART_CHARS);
    expect(world.heard(alice)).toHaveLength(1);
    expect(world.heard(bob)).toEqual([
      `Parts 2–${count} of ${count} of your long message “Line 0 of the log, with an emoji 👩‍💻 in it. Line 1 of the log, with an emoji …” couldn’t be delivered to Alice. Please send the rest again.`,
    ]);
  });
});

describe('notices when the chat platform fails for a while', () => {
  it('should send a notice again after a failure that happened before it arrived', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(alice, '5xx');

    await world.say(bob, 'stop');
    expect(world.heard(alice)).toEqual([]);
    await world.runQueue();

    expect(world.heard(alice)).toHaveLength(1);
    expect(world.heard(alice)[0]).toContain('Bob');
  });

  it('should not send twice a notice that may have arrived', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.failNext(alice, 'timeout-after-send');

    await world.say(bob, 'stop');
    await world.runQueue();

    expect(world.heard(alice)).toHaveLength(1);
  });
});
