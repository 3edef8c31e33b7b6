import { inEveryLanguage } from '../../domain/replies';
import { listOperators } from '../duty/list-operators';
import { defineCommand } from './command';

export const listOperatorsCommand = defineCommand({
  kind: 'list-operators',
  names: ['list_operators', '#list_operators'],
  access: 'operators',
  help: inEveryLanguage((c) => c.commandHelp['list-operators']),
  needs: 'support',
  async run(deps, { operator, settings }) {
    await listOperators(deps, operator, settings);
    return 'command';
  },
});
