import { dayIn, deflectionOn } from '../../src/app/deflection/deflection-counters';
import { PROJECT, World } from '../builders/world';

const VPN = { title: 'Fix a VPN that won’t connect', excerpt: 'Quit the VPN client and start it again.', url: 'https://example.atlassian.net/kb/101' };

describe('deflection counters', () => {
  it('should count answered, solved, escalated and no match on the project’s day, one write per event', async () => {
    const world = new World({ knowledgeBaseAnswers: true });
    world.knowledgeBase.articles.push(VPN);
    await world.enableLiveAgents({ timeZone: 'Pacific/Auckland' });
    const bob = world.person('Bob');
    const eve = world.person('Eve');

    await world.say(bob, 'vpn wont connect');
    const solved = world.message(bob, '', { action: { kind: 'kb-solved' } });
    await world.deliver(solved);
    await world.deliver(solved);
    await world.say(eve, 'vpn down');
    await world.click(eve, 'request-operator', { value: 'after-answer' });
    await world.say(eve, 'quokka');
    await world.say(eve, 'hello there');

    const day = dayIn('Pacific/Auckland', world.clock.now());
    expect(await deflectionOn(world.deps, PROJECT, day)).toEqual({ answered: 2, solved: 1, escalated: 1, 'no-match': 2 });
    expect(world.deflection.writes).toBe(6);
  });

  it('should not count a plain request for an operator, nor refuse a day that is not one', async () => {
    const world = new World({ knowledgeBaseAnswers: true });
    await world.enableLiveAgents();
    await world.click(world.person('Bob'), 'request-operator');
    expect(world.deflection.writes).toBe(0);
    await expect(deflectionOn(world.deps, PROJECT, 'x:y')).rejects.toThrow('Not a day');
  });

  it('should read the day in the given time zone', () => {
    expect(dayIn('Pacific/Auckland', Date.UTC(2025, 0, 1, 12))).toBe('2025-01-02');
    expect(dayIn('America/New_York', Date.UTC(2025, 0, 1, 3))).toBe('2024-12-31');
  });
});
