import { goOnDuty } from '../duty/set-duty-status';
import { defineCommand } from './command';

export const goOnDutyCommand = defineCommand({
  kind: 'go-on-duty',
  names: ['#on'],
  access: 'operators',
  help: '#on (start your shift)',
  needs: 'support',
  async run(deps, { operator, settings }) {
    await goOnDuty(deps, operator, settings);
    return 'command';
  },
});
