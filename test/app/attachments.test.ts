import { connectedPair } from '../builders/scenes';
import { World } from '../builders/world';
import { participantKey } from '../../src/domain/participant';

/**
 * Issue 18, behaviour 5: files and pictures a user or an operator sends reach the other side as files, not as links
 * the other side can't open; what the project's limits refuse, or a platform cannot take, is told to its sender with
 * the reason, never dropped silently.
 */
describe('files shared in a conversation', () => {
  it('should relay a user’s file to the operator as a file, after the words that came with it', async () => {
    const { world, alice, bob } = await connectedPair();
    const log = world.files.share('vpn.log', 2048, 'text/plain');

    await world.say(bob, 'Here is the log', { attachments: [log] });
    expect(world.heard(alice)).toEqual(['Here is the log']);
    await world.runQueue();

    expect(world.files.arrived).toEqual([{ to: alice, name: 'vpn.log', bytes: 2048, senderName: 'Bob' }]);
    expect(world.heard(bob)).toEqual([]);
  });

  it('should relay an operator’s picture to the user, with no empty message before it', async () => {
    const { world, alice, bob } = await connectedPair();
    const shot = world.files.share('settings.png', 40_000, 'image/png');

    await world.say(alice, '', { attachments: [shot] });
    await world.runQueue();

    expect(world.heard(bob)).toEqual([]);
    expect(world.files.to(bob)).toEqual(['settings.png']);
  });

  it('should relay between Slack and Teams as between two people on one channel', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true, channel: 'teams' });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');

    await world.say(bob, 'screenshot', { attachments: [world.files.share('error.jpg', 1000, 'image/jpeg')] });
    await world.say(alice, 'the fix', { attachments: [world.files.share('fix.pdf', 5000, 'application/pdf')] });
    await world.runQueue();

    expect(world.files.to(alice)).toEqual(['error.jpg']);
    expect(world.files.to(bob)).toEqual(['fix.pdf']);
  });

  it('should tell the sender a file larger than the project allows, and send the rest', async () => {
    const { world, alice, bob } = await connectedPair();
    await world.enableLiveAgents({ maxFileMegabytes: 1 });

    await world.say(bob, '', { attachments: [world.files.share('dump.txt', 2 * 1024 * 1024, 'text/plain'), world.files.share('small.txt', 10, 'text/plain')] });
    await world.runQueue();

    expect(world.files.to(alice)).toEqual(['small.txt']);
    expect(world.heard(bob)).toEqual(['Your file “dump.txt” wasn’t sent to Alice: it is larger than 1 MB, the most this service desk accepts.']);
  });

  it('should stop reading a file whose platform did not say its size once it passes the limit, and tell the sender', async () => {
    const { world, alice, bob } = await connectedPair();
    await world.enableLiveAgents({ maxFileMegabytes: 1 });

    await world.say(bob, '', { attachments: [world.files.share('big.png', 3 * 1024 * 1024, 'image/png', { sizeUnknown: true })] });
    await world.runQueue();

    expect(world.files.to(alice)).toEqual([]);
    expect(world.lastHeard(bob)).toContain('it is larger than 1 MB');
  });

  it('should refuse a type the project does not allow, and a risky one under an allowed family, saying why', async () => {
    const { world, alice, bob } = await connectedPair();
    await world.enableLiveAgents({ allowedFileTypes: ['image/*', '.pdf'] });

    await world.say(bob, '', {
      attachments: [world.files.share('tool.exe', 10, 'application/x-msdownload'), world.files.share('logo.svg', 10, 'image/svg+xml'), world.files.share('ok.pdf', 10, 'application/pdf')],
    });
    await world.runQueue();

    expect(world.files.to(alice)).toEqual(['ok.pdf']);
    expect(world.heard(bob)).toEqual([
      'Your file “tool.exe” wasn’t sent to Alice: this service desk doesn’t accept files of that type.',
      'Your file “logo.svg” wasn’t sent to Alice: this service desk doesn’t accept files of that type.',
    ]);
  });

  it('should tell the sender when the other side’s platform does not take the file, with its reason', async () => {
    const { world, alice, bob } = await connectedPair();
    world.files.refusing.set(participantKey(alice), 'the Slack workspace does not allow uploading files');

    await world.say(bob, '', { attachments: [world.files.share('a.pdf', 10, 'application/pdf')] });
    await world.runQueue();

    expect(world.heard(bob)).toEqual(['Your file “a.pdf” wasn’t sent to Alice: the Slack workspace does not allow uploading files.']);
  });

  it('should send a file once when the queue delivers its job twice', async () => {
    const { world, alice, bob } = await connectedPair();

    await world.say(bob, 'two', { attachments: [world.files.share('a.pdf', 10, 'application/pdf'), world.files.share('b.pdf', 10, 'application/pdf')] });
    await world.runQueue({ redeliver: true });

    expect(world.files.to(alice)).toEqual(['a.pdf', 'b.pdf']);
  });

  it('should tell the sender a file the conversation ended before, and not send it to a former operator', async () => {
    const { world, alice, bob } = await connectedPair();

    await world.say(bob, '', { attachments: [world.files.share('late.pdf', 10, 'application/pdf')] });
    await world.say(alice, '#exit');
    await world.runQueue();

    expect(world.files.to(alice)).toEqual([]);
    expect(world.heard(bob)).toContain('Your file “late.pdf” wasn’t sent to Alice: the conversation ended before it could be.');
  });

  it('should cost a plain message no queued job', async () => {
    const { world, alice } = await connectedPair();

    await world.say(alice, 'just words');

    expect(world.outbox.files).toEqual([]);
  });
});

describe('files on the ticket made from a conversation', () => {
  it('should attach the files people shared to the ticket, once, when the queue delivers the job twice', async () => {
    const { world, alice, bob } = await connectedPair();
    await world.say(bob, 'the error', { attachments: [world.files.share('error.png', 500, 'image/png')] });
    await world.say(alice, 'try this', { attachments: [world.files.share('fix.txt', 50, 'text/plain')] });

    await world.say(alice, '#create_ticket');
    await world.runQueue({ redeliver: true });

    const key = world.files.onTickets[0]?.ticketKey;
    expect(key).toMatch(/^SUP-/);
    expect(world.files.onTickets.map((f) => [f.ticketKey, f.name])).toEqual([
      [key, 'error.png'],
      [key, 'fix.txt'],
    ]);
  });

  it('should attach the files shared after the ticket when the conversation ends', async () => {
    const { world, alice, bob } = await connectedPair();
    await world.say(alice, '#create_ticket');
    await world.runQueue();

    await world.say(bob, 'one more', { attachments: [world.files.share('late.log', 50, 'text/plain')] });
    await world.say(alice, '#exit');
    await world.runQueue();

    expect(world.files.onTickets.map((f) => f.name)).toEqual(['late.log']);
  });

  it('should tell the operator which files Jira would not take, and why', async () => {
    const { world, alice, bob } = await connectedPair();
    world.files.ticketRefusal = 'the file is larger than this Jira site accepts, or the ticket has too many attachments';
    await world.say(bob, '', { attachments: [world.files.share('huge.pdf', 50, 'application/pdf')] });

    await world.say(alice, '#create_ticket');
    await world.runQueue();

    expect(world.lastHeard(alice)).toMatch(/^I couldn’t attach the file “huge\.pdf” to ticket \S+: the file is larger than this Jira site accepts/);
  });
});
