import type { CommandWords } from '../../domain/chat-command';
import type { Assignment, Operator } from '../../domain/operator';
import type { ChatActionKind } from '../../domain/outgoing-message';
import type { Translated } from '../../domain/replies';
import type { LiveAgentSettings } from '../../domain/settings';
import type { HandledMessage, IncomingChatMessage, MessageOutcome } from '../conversation/incoming-message';
import type { CoreDeps } from '../ports';

/** Most paths only say what became of the message; those that settle a click add the card's note. */
export type Handled = MessageOutcome | HandledMessage;

export function withCardNote(outcome: MessageOutcome, cardNote: string): HandledMessage {
  return { outcome, cardNote };
}

/** A command as read from words or a click: its kind and what its module parsed (e.g. `{ kind: 'create-ticket', summary }`). */
export interface ParsedCommand {
  readonly kind: string;
  readonly [field: string]: unknown;
}

/**
 * Who may use a command. `operators`: anyone else typing it is told it is for
 * live agents. `anyone`: the words are not refused to a user (who reads `stop`
 * as leaving, and `help` as a question for the assistant).
 */
export type CommandAccess = 'operators' | 'anyone';

export interface CommandContext<A> {
  readonly operator: Operator;
  readonly msg: IncomingChatMessage;
  readonly args: A;
  /** The registry the command was found in, for commands about commands (#help). */
  readonly commands: readonly ChatCommand[];
  /** The sender's locale, looked up only when a command asks (person-language.ts: at most once a month per person). */
  readonly senderLocale: () => Promise<string | undefined>;
}

export interface SupportContext<A> extends CommandContext<A> {
  readonly settings: LiveAgentSettings;
}

export interface ConversationContext<A> extends SupportContext<A> {
  /** The conversation the command is for: named by the card, the thread or "Bob:", or the operator's only one. */
  readonly assignment: Assignment;
}

interface CommandBase<A> {
  /** The intent, named apart from the words typed. */
  readonly kind: string;
  /** Accepted spellings, compared with every space removed and in lower case. */
  readonly names: readonly string[];
  readonly access: CommandAccess;
  /** Its line in #help, in each language (the product's come from the catalogue's commandHelp); a command without one is not listed. */
  readonly help?: Translated | undefined;
  /** Present when words after the name are its argument (undefined when none were typed). */
  readonly parse?: ((argument: string | undefined) => A) | undefined;
  /** The button that asks for the same thing, and how its value reads. */
  readonly button?: { readonly action: ChatActionKind; readonly read: (value: string | undefined) => A } | undefined;
}

/**
 * What a command needs before its handler runs, declared so the dispatcher
 * provides it: `nothing` (not even the settings), `support` (live agent support
 * on, or `evenWhenSupportOff`), `conversation` (that, plus the one conversation
 * it is for; anything else is answered for it).
 */
export type CommandSpec<A> = CommandBase<A> &
  (
    | { readonly needs: 'nothing'; run(deps: CoreDeps, ctx: CommandContext<A>): Promise<Handled> }
    | { readonly needs: 'support'; readonly evenWhenSupportOff?: boolean; run(deps: CoreDeps, ctx: SupportContext<A>): Promise<Handled> }
    | { readonly needs: 'conversation'; readonly evenWhenSupportOff?: boolean; run(deps: CoreDeps, ctx: ConversationContext<A>): Promise<Handled> }
  );

/** A command in the registry: its argument's type erased, as the dispatcher sees it. */
export type ChatCommand = CommandSpec<object>;

/** Declares a command with its argument's type checked against its handler. */
export function defineCommand<A extends object = object>(spec: CommandSpec<A>): CommandSpec<A> {
  return spec;
}

/** A registry as the shared word matcher reads it. */
export function wordsOf(command: ChatCommand): CommandWords & { readonly command: ChatCommand } {
  return { names: command.names, takesArgument: command.parse !== undefined, command };
}
