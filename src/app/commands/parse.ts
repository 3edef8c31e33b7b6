import { matchCommand } from '../../domain/chat-command';
import type { IncomingChatMessage } from '../conversation/incoming-message';
import { wordsOf, type ChatCommand, type ParsedCommand } from './command';
import { COMMANDS } from './index';

/** A command read from words: one the registry knows, or an unknown `#word`. */
export type OperatorCommand = ParsedCommand;

/**
 * Reads an operator's message as a command of the registry, or returns
 * undefined for a message meant for the user.
 */
export function parseOperatorCommand(text: string, commands: readonly ChatCommand[] = COMMANDS): OperatorCommand | undefined {
  const match = matchCommand(text, wordTable(commands));
  if (match?.kind !== 'command') return match;
  const { command } = match.rule;
  return { ...(command.parse ? command.parse(match.argument) : {}), kind: command.kind };
}

/** Built once per registry: every message from an operator is read against it. */
const wordTables = new WeakMap<readonly ChatCommand[], readonly ReturnType<typeof wordsOf>[]>();

function wordTable(commands: readonly ChatCommand[]): readonly ReturnType<typeof wordsOf>[] {
  const known = wordTables.get(commands);
  if (known) return known;
  const table = commands.map(wordsOf);
  wordTables.set(commands, table);
  return table;
}

/** A button click as the command it asks for, when a command answers that button. */
export function commandFromAction(msg: IncomingChatMessage, commands: readonly ChatCommand[] = COMMANDS): OperatorCommand | undefined {
  const { action } = msg;
  const command = action && commands.find((c) => c.button?.action === action.kind);
  if (!action || !command?.button) return undefined;
  return { ...command.button.read(action.value), kind: command.kind };
}

/** The commands only live agents may use; anyone else typing one is told so. */
export function isOperatorOnly(command: OperatorCommand, commands: readonly ChatCommand[] = COMMANDS): boolean {
  return commands.find((c) => c.kind === command.kind)?.access === 'operators';
}
