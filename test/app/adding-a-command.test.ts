import { COMMANDS } from '../../src/app/commands';
import { defineCommand, type ChatCommand } from '../../src/app/commands/command';
import { notify } from '../../src/app/delivery/notify';
import { english } from '../../src/domain/replies';
import { World } from '../builders/world';

const { toOperator } = english;

/**
 * A command that exists only in this spec, declared as the product's own
 * commands are: names, who may use it, its help line, its argument and its
 * handler. Registering it in a world is all it takes; no other file changes.
 */
const remind = defineCommand<{ readonly about?: string | undefined }>({
  kind: 'remind',
  names: ['#remind', 'remind_me'],
  access: 'operators',
  help: { en: '#remind [what] (a note to yourself)', fr: '#remind [quoi] (une note pour vous-même)', de: '#remind [was] (eine Notiz für Sie selbst)' },
  parse: (argument) => ({ about: argument }),
  needs: 'support',
  async run(deps, { operator, args }) {
    await notify(deps, operator.participant, { kind: 'notice', text: `Noted for ${operator.projectId}: ${args.about ?? 'nothing'}` });
    return 'command';
  },
});

const withRemind: readonly ChatCommand[] = [...COMMANDS, remind];

describe('a command declared in one module', () => {
  it('should be read by its names and run its handler with the parsed argument for an operator', async () => {
    const world = new World({ commands: withRemind });
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });

    const outcome = await world.say(alice, '#REMIND  call Bob back');
    await world.say(alice, 'remind_me');

    expect(outcome).toBe('command');
    expect(world.heard(alice).slice(-2)).toEqual(['Noted for 10000: call Bob back', 'Noted for 10000: nothing']);
  });

  it('should be listed in #help after the product’s commands', async () => {
    const world = new World({ commands: withRemind });
    await world.enableLiveAgents();
    const alice = await world.operator('Alice');

    await world.say(alice, '#help');

    expect(world.lastHeard(alice)).toMatch(/^Commands: #on \(start your shift\);.*forward_operator .*; #remind \[what\] \(a note to yourself\)\. With several conversations/);
  });

  it('should be refused to a user who is not an operator, without reaching the assistant', async () => {
    const world = new World({ commands: withRemind });
    await world.enableLiveAgents();
    const bob = world.person('Bob');

    const outcome = await world.say(bob, '#remind lunch');

    expect(outcome).toBe('refused');
    expect(world.heard(bob)).toEqual([toOperator.notAnOperator()]);
  });

  it('should be refused while live agent support is off, as other support commands are', async () => {
    const world = new World({ commands: withRemind });
    await world.enableLiveAgents();
    const alice = await world.operator('Alice');
    await world.enableLiveAgents({ enabled: false });

    const outcome = await world.say(alice, '#remind lunch');

    expect(outcome).toBe('refused');
    expect(world.lastHeard(alice)).toBe(toOperator.liveAgentDisabled());
  });

  it('should stay unknown in a world that did not register it', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice');

    await world.say(alice, '#remind lunch');

    expect(world.lastHeard(alice)).toMatch(/^I don’t know the command #remind\. Commands: /);
    expect(world.lastHeard(alice)).not.toContain('#remind [what]');
  });
});
