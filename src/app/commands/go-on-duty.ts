import { languageOf } from '../../domain/language';
import { inEveryLanguage } from '../../domain/replies';
import { goOnDuty } from '../duty/set-duty-status';
import { defineCommand } from './command';

export const goOnDutyCommand = defineCommand({
  kind: 'go-on-duty',
  names: ['#on'],
  access: 'operators',
  help: inEveryLanguage((c) => c.commandHelp['go-on-duty']),
  needs: 'support',
  async run(deps, { operator, settings, senderLocale }) {
    await goOnDuty(deps, operator, settings, languageOf(await senderLocale(), settings.defaultLanguage));
    return 'command';
  },
});
