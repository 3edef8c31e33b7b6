import type { Assistant, AssistantAnswer } from '../../src/app/ports';
import { AFTER_ANSWER } from '../../src/app/conversation/answer-with-assistant';
import { World } from '../builders/world';

/**
 * The assistant's answer is structured (text, articles, whether it may have solved the question); the core sends
 * it as one message with the buttons: **This solved it** when articles were shown, and always the way to a person.
 */
class ScriptedAssistant implements Assistant {
  readonly questions: string[] = [];
  constructor(private readonly reply: AssistantAnswer) {}
  answer(question: { readonly text: string }): Promise<AssistantAnswer> {
    this.questions.push(question.text);
    return Promise.resolve(this.reply);
  }
}

const VPN = { title: 'Fix a VPN that won’t connect', excerpt: 'Restart the VPN client, then sign in again.', url: 'https://example.atlassian.net/kb/1' };

describe('the assistant’s structured answers', () => {
  it('should send the articles with This solved it and Talk to an operator in one message', async () => {
    const assistant = new ScriptedAssistant({ text: 'This article may help:', articles: [VPN], offerSolved: true, searched: 'answered' });
    const world = new World({ assistant });
    await world.enableLiveAgents();
    const bob = world.person('Bob');

    expect(await world.say(bob, 'vpn wont connect')).toBe('assistant');

    const sent = world.chat.sent.filter((s) => s.to.userId === bob.userId);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.message).toMatchObject({
      text: 'This article may help:',
      articles: [VPN],
      buttons: [
        { action: 'kb-solved', label: 'This solved it' },
        { action: 'request-operator', label: 'Talk to an operator', value: AFTER_ANSWER },
      ],
    });
    expect(assistant.questions).toEqual(['vpn wont connect']);
  });

  it('should offer only the operator when nothing was found', async () => {
    const world = new World({ assistant: new ScriptedAssistant({ text: 'Nothing.', searched: 'no-match' }) });
    await world.enableLiveAgents();
    const bob = world.person('Bob');
    await world.say(bob, 'my chair squeaks');
    expect(world.chat.lastTo(bob)?.buttons).toEqual([{ action: 'request-operator', label: 'Talk to an operator' }]);
  });

  it('should thank the user who says the answer solved it, once per click', async () => {
    const world = new World({ assistant: new ScriptedAssistant({ text: 'This article may help:', articles: [VPN], offerSolved: true }) });
    await world.enableLiveAgents();
    const bob = world.person('Bob');
    await world.say(bob, 'vpn wont connect');
    const click = world.message(bob, '', { action: { kind: 'kb-solved' } });

    expect(await world.deliver(click)).toBe('assistant');
    expect(await world.deliver(click)).toBe('duplicate');
    expect(world.heard(bob).filter((t) => t.startsWith('Great, glad that solved it'))).toHaveLength(1);
  });

  it('should never ask the assistant about words for an operator', async () => {
    const assistant = new ScriptedAssistant({ text: 'x' });
    const world = new World({ assistant });
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    await world.say(bob, 'my vpn is down');
    expect(assistant.questions).toEqual([]);
  });
});
