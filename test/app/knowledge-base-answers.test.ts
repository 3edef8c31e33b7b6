import { PROJECT, World } from '../builders/world';

const VPN = { title: 'Fix a VPN that won’t connect', excerpt: 'Quit the VPN client and start it again.', url: 'https://example.atlassian.net/kb/101' };
const PRINTER = { title: 'Printer jam', excerpt: 'Open the doors shown on the screen.', url: 'javascript:alert(1)' };

async function desk() {
  const world = new World({ knowledgeBaseAnswers: true });
  world.knowledgeBase.articles.push(VPN, PRINTER);
  await world.enableLiveAgents();
  return { world, bob: world.person('Bob') };
}

describe('answers from the knowledge base', () => {
  it('should answer with the matching articles, searched once with the key terms', async () => {
    const { world, bob } = await desk();
    await world.say(bob, 'Hi, my vpn wont connect');
    expect(world.knowledgeBase.queries).toEqual(['vpn connect']);
    expect(world.chat.lastTo(bob)).toMatchObject({ text: 'This article may help:', articles: [VPN] });
    expect(world.chat.lastTo(bob)?.buttons?.map((b) => b.action)).toEqual(['kb-solved', 'request-operator']);
  });

  it('should never make a non-web address a link', async () => {
    const { world, bob } = await desk();
    await world.say(bob, 'printer jam');
    expect(world.chat.lastTo(bob)?.articles).toEqual([{ ...PRINTER, url: '' }]);
  });

  it('should say it found nothing, with the operator button, when nothing matches or the search fails', async () => {
    const { world, bob } = await desk();
    await world.say(bob, 'my chair squeaks');
    world.knowledgeBase.failing = true;
    await world.say(bob, 'vpn wont connect');
    expect(world.heard(bob)).toEqual([
      'I couldn’t find an article about that. To talk to a person, type “operator”.',
      'I couldn’t find an article about that. To talk to a person, type “operator”.',
    ]);
    expect(world.chat.lastTo(bob)?.buttons?.map((b) => b.action)).toEqual(['request-operator']);
    expect(world.log.entries.filter((e) => e.event === 'kb_search_failed')).toHaveLength(1);
  });

  it('should not search for a greeting, nor for a redelivered message', async () => {
    const { world, bob } = await desk();
    await world.say(bob, 'hello there, thanks!');
    const msg = world.message(bob, 'vpn down');
    await world.deliver(msg);
    await world.deliver(msg);
    expect(world.knowledgeBase.queries).toEqual(['vpn down']);
    expect(PROJECT).toBe('10000');
  });
});
