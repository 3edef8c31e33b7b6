import type { Operator } from '../../domain/operator';
import { say } from '../../domain/replies';
import type { IncomingChatMessage } from '../conversation/incoming-message';
import { notify } from '../delivery/notify';
import type { CoreDeps, KeptLocale } from '../ports';
import { senderLocale } from '../conversation/person-language';
import { loadSettings } from '../settings/project-settings';
import type { ChatCommand, Handled, ParsedCommand } from './command';
import { replyAboutTarget, targetConversation } from './conversation-target';
import { helpLines } from './help';

/**
 * Runs an operator's command: finds its module in the registry and gives it
 * what it declared it needs, answering for it when that is missing (support
 * off, no conversation or an ambiguous one). An unknown word gets the help.
 */
export async function runOperatorCommand(
  deps: CoreDeps,
  operator: Operator,
  msg: IncomingChatMessage,
  parsed: ParsedCommand,
  commands: readonly ChatCommand[],
  kept: KeptLocale | undefined,
): Promise<Handled> {
  const command = commands.find((c) => c.kind === parsed.kind);
  if (!command) {
    const word = typeof parsed['word'] === 'string' ? parsed['word'] : parsed.kind;
    await notify(deps, operator.participant, { kind: 'notice', text: say(operator.lang).toOperator.unknownCommand(word, helpLines(commands, operator.lang)) });
    return 'command';
  }
  const base = { operator, msg, args: parsed, commands, senderLocale: () => senderLocale(deps, msg, kept) };
  if (command.needs === 'nothing') return command.run(deps, base);
  const settings = await loadSettings(deps, operator.projectId);
  if (!settings.enabled && command.evenWhenSupportOff !== true) {
    await notify(deps, operator.participant, { kind: 'notice', text: say(operator.lang).toOperator.liveAgentDisabled() });
    return 'refused';
  }
  if (command.needs === 'support') return command.run(deps, { ...base, settings });
  const target = targetConversation(operator, msg.conversationId);
  if (target.kind !== 'one') {
    await replyAboutTarget(deps, operator, target);
    return 'refused';
  }
  return command.run(deps, { ...base, settings, assignment: target.assignment });
}
