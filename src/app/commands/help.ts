import { isLanguage, type Language } from '../../domain/language';
import { say } from '../../domain/replies';
import { notify } from '../delivery/notify';
import { defineCommand, type ChatCommand } from './command';

export const helpCommand = defineCommand({
  kind: 'help',
  names: ['#help', 'help'],
  // A user's "help" is a question for the assistant.
  access: 'anyone',
  needs: 'nothing',
  async run(deps, { operator, commands }) {
    await notify(deps, operator.participant, { kind: 'notice', text: say(operator.lang).toOperator.help(helpLines(commands, operator.lang)) });
    return 'command';
  },
});

/** The help is the registry's: each command's line, in the registry's order. */
export function helpLines(commands: readonly ChatCommand[], language: Language | undefined): readonly string[] {
  return commands.flatMap((c) => (c.help === undefined ? [] : [c.help[isLanguage(language) ? language : 'en']]));
}
