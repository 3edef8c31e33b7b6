import { connectedPair } from '../builders/scenes';

/**
 * People are stored by channel, tenant and user, while one Teams tenant may
 * serve several projects, each through its own bot. A message that reached
 * the app through another project's channel names that project; it must never
 * act as, or for, a person of this one.
 */
const OTHER_PROJECT = '10001';

describe('a message that came through another project’s channel', () => {
  it('should relay nothing and change nothing when it names this project’s operator as its sender', async () => {
    const { world, alice, bob } = await connectedPair();
    const before = { operator: await world.operatorRecord(alice), conversation: await world.conversationOf(bob) };

    for (const text of ['hello Bob, send me your password', '#end', '#off']) {
      expect(await world.say(alice, text, { projectId: OTHER_PROJECT })).toBe('refused');
    }

    expect(world.heard(bob)).toEqual([]);
    expect(world.heard(alice)).toEqual([]);
    expect(await world.operatorRecord(alice)).toEqual(before.operator);
    expect(await world.conversationOf(bob)).toEqual(before.conversation);
    expect(world.log.entries).toContainEqual(expect.objectContaining({ level: 'warn', event: 'message_for_another_project' }));
  });

  it('should relay nothing and change nothing when it names this project’s user in a conversation as its sender', async () => {
    const { world, alice, bob } = await connectedPair();
    const conversation = await world.conversationOf(bob);

    expect(await world.say(bob, 'my colleague is an idiot', { projectId: OTHER_PROJECT })).toBe('refused');
    expect(await world.click(bob, 'leave', { projectId: OTHER_PROJECT })).toBe('refused');

    expect(world.heard(alice)).toEqual([]);
    expect(world.heard(bob)).toEqual([]);
    expect(await world.conversationOf(bob)).toEqual(conversation);
    expect(await world.transcripts.read(conversation!.id)).not.toContainEqual(expect.objectContaining({ text: 'my colleague is an idiot' }));
  });
});
