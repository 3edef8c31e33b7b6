import type { Assignment, Operator } from '../../domain/operator';
import { comparableName } from '../../domain/text';
import type { IncomingChatMessage } from './incoming-message';

/**
 * An operator with several conversations says whom a message is for by
 * starting it with the user's name and a colon ("Bob: try again"); the name is
 * not relayed. Works the same on every channel. `fewest`: read it only with at
 * least this many conversations (a command, "Bob: #note …", is read with one: an
 * operator used to naming the user keeps doing so when the other user has left).
 */
export function addressedTo(operator: Operator, msg: IncomingChatMessage, fewest = 2): { assignment: Assignment; text: string } | undefined {
  if (operator.assignments.length < fewest) return undefined;
  const match = /^\s*@?([^:\n]{1,80}):\s*([\s\S]*)$/.exec(msg.text);
  if (!match?.[1]) return undefined;
  const name = comparableName(match[1]);
  const named = operator.assignments.filter((a) => comparableName(a.userName) === name || comparableName(a.userName).split(/\s+/)[0] === name);
  const [only] = named;
  return named.length === 1 && only ? { assignment: only, text: match[2] ?? '' } : undefined;
}
