import type { Participant } from './participant';
import type { LiveAgentSettings } from './settings';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Who last served a user, kept when a conversation with an operator ends so
 * that the user, asking again soon, goes back to them (issue 17, behaviour 6).
 * Its own small record, keyed by the user, written in the commit that closes
 * the conversation and kept as long as the setting's window: the relay never
 * reads or writes it.
 */
export interface LastOperator {
  readonly operator: Participant;
  readonly projectId: string;
  /** When the conversation with them ended. */
  readonly at: number;
}

/** How long, in seconds, a last-operator record is worth keeping; undefined: the setting is off. */
export function lastOperatorLifetimeSeconds(settings: LiveAgentSettings): number | undefined {
  return settings.returnToOperatorHours === 'off' ? undefined : settings.returnToOperatorHours * 3600;
}

/** The operator a user asking now should go to first, if any: within the window the project sets now. */
export function returningTo(last: LastOperator | undefined, settings: LiveAgentSettings, projectId: string, now: number): Participant | undefined {
  if (!last || settings.returnToOperatorHours === 'off' || last.projectId !== projectId) return undefined;
  return now - last.at <= settings.returnToOperatorHours * HOUR_MS ? last.operator : undefined;
}
