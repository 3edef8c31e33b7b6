import { inEveryLanguage } from '../../domain/replies';
import { goOffDuty } from '../duty/set-duty-status';
import { defineCommand } from './command';

export const goOffDutyCommand = defineCommand({
  kind: 'go-off-duty',
  names: ['#off'],
  access: 'operators',
  help: inEveryLanguage((c) => c.commandHelp['go-off-duty']),
  needs: 'support',
  // Ending a shift stays possible when support is off: nobody may be left stuck.
  evenWhenSupportOff: true,
  async run(deps, { operator, settings }) {
    await goOffDuty(deps, operator, settings);
    return 'command';
  },
});
