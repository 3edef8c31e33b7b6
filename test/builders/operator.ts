import type { Assignment, Operator } from '../../src/domain/operator';
import type { Participant } from '../../src/domain/participant';

/** 25 Nov 2026, 09:00 UTC: the moment every builder's timestamps count from. */
export const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

export const PROJECT_ID = '10000';

/** A Slack user of workspace T0001; pass `userId` (and `channel`, `tenantId`) to tell people apart. */
export function aParticipant(overrides: Partial<Participant> = {}): Participant {
  return { channel: 'slack', tenantId: 'T0001', userId: 'U0USER01', ...overrides };
}

/** One conversation an operator holds; `n` numbers the conversation and its user. */
export function anAssignment(n = 1, overrides: Partial<Assignment> = {}): Assignment {
  const suffix = String(n).padStart(2, '0');
  return {
    sessionId: `conv-${suffix}`,
    user: aParticipant({ userId: `U0USER${suffix}` }),
    userName: `User ${suffix}`,
    since: T0,
    ...overrides,
  };
}

export interface OperatorOverrides extends Partial<Operator> {
  /** How many conversations the operator holds; ignored when `assignments` is given. */
  readonly load?: number;
}

/**
 * An on-duty, idle Live agent named Alice. The participant's user id follows the
 * display name (`Bob` → `U0BOB`) unless `participant` is given.
 */
export function anOperator(overrides: OperatorOverrides = {}): Operator {
  const { load = 0, ...rest } = overrides;
  const displayName = rest.displayName ?? 'Alice';
  return {
    participant: aParticipant({ userId: `U0${displayName.toUpperCase().replace(/[^A-Z0-9]/g, '')}` }),
    projectId: PROJECT_ID,
    displayName,
    duty: 'on',
    assignments: Array.from({ length: load }, (_, i) => anAssignment(i + 1)),
    idleSince: T0,
    grantedAt: T0,
    ...rest,
  };
}
