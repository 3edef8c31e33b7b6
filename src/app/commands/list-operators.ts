import { listOperators } from '../duty/list-operators';
import { defineCommand } from './command';

export const listOperatorsCommand = defineCommand({
  kind: 'list-operators',
  names: ['list_operators', '#list_operators'],
  access: 'operators',
  help: 'list_operators (who is on duty)',
  needs: 'support',
  async run(deps, { operator, settings }) {
    await listOperators(deps, operator, settings);
    return 'command';
  },
});
