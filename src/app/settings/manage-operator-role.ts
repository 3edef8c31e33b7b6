import type { Operator } from '../../domain/operator';
import type { Participant } from '../../domain/participant';
import { languageOf } from '../../domain/language';
import { say } from '../../domain/replies';
import { platformLocale } from '../conversation/person-language';
import { dispatchQueue } from '../queue/dispatch-queue';
import { notify } from '../delivery/notify';
import type { CoreDeps, Versioned } from '../ports';
import { loadSettings } from './project-settings';
import { LOST_RACE, untilCommitted } from '../compare-and-set';
import { checkOperatorCapacity } from '../../domain/settings';
import { releaseOperator, tellHandedBack } from '../conversation/release-operator';

export interface RoleGrant {
  readonly projectId: string;
  readonly participant: Participant;
  readonly displayName: string;
}

/**
 * Gives a tenant user the Live agent role. They start off duty and are told
 * how to start a shift. Granting twice changes nothing.
 */
export async function grantOperatorRole(deps: CoreDeps, grant: RoleGrant): Promise<'granted' | 'already-granted'> {
  const now = deps.clock.now();
  // Their platform's locale when it tells it on asking (Slack), else the project's language; each #on settles theirs again.
  const lang = languageOf(await platformLocale(deps, grant.participant), (await loadSettings(deps, grant.projectId)).defaultLanguage);
  const operator: Operator = {
    participant: grant.participant,
    projectId: grant.projectId,
    displayName: grant.displayName,
    duty: 'off',
    assignments: [],
    idleSince: now,
    grantedAt: now,
    lang,
  };
  const created = await deps.state.commit([{ kind: 'put-operator', operator, expected: 'absent' }]);
  if (!created) return 'already-granted';
  await notify(deps, grant.participant, { kind: 'notice', text: say(lang).toOperator.roleGranted() });
  return 'granted';
}

/**
 * Takes the Live agent role away. Users the operator was serving go back to
 * the front of the queue and are told; then they are matched with whoever is free.
 */
export async function revokeOperatorRole(deps: CoreDeps, participant: Participant, projectId?: string): Promise<'revoked' | 'not-granted'> {
  // `projectId`: an admin can take away only their own project's role; another project's holder is "not granted" here.
  const released = await releaseOperator(deps, participant, 'remove-role', projectId);
  if (!released) return 'not-granted';
  const { operator, requeued } = released;
  await tellHandedBack(deps, operator.projectId, requeued, { kind: 'lost-role', name: operator.displayName });
  await notify(deps, participant, { kind: 'notice', text: say(operator.lang).toOperator.roleRevoked() });
  await dispatchQueue(deps, operator.projectId, await loadSettings(deps, operator.projectId));
  return 'revoked';
}

/**
 * A Jira admin sets how many conversations one operator takes at once (`undefined`: the project's capacity
 * again). Nobody is taken from them when it goes below what they hold; they get no one new until they are under
 * it. With more room, waiting users come to them at once. Answers the capacity they now have.
 */
export async function setOperatorCapacity(
  deps: CoreDeps,
  participant: Participant,
  projectId: string,
  capacity: number | undefined,
): Promise<CapacitySet | { readonly result: 'not-an-operator' }> {
  if (capacity !== undefined) checkOperatorCapacity(capacity);
  const settings = await loadSettings(deps, projectId);
  let was: Operator | undefined;
  const set = await untilCommitted(async () => {
    const current = await deps.state.getOperator(participant);
    if (!current || current.value.projectId !== projectId) return false;
    was = current.value;
    const { capacity: _before, ...rest } = current.value;
    const operator: Operator = capacity === undefined ? rest : { ...rest, capacity };
    return (await deps.state.commit([{ kind: 'put-operator', operator, expected: current.version }])) ? true : LOST_RACE;
  });
  if (!set || !was) return { result: 'not-an-operator' };
  await dispatchQueue(deps, projectId, settings);
  return { result: 'set', capacity: capacity ?? settings.operatorCapacity, was: { name: was.displayName, ownCapacity: was.capacity, projectCapacity: settings.operatorCapacity } };
}

/** A capacity set: what the operator now takes, and (for the audit log) who they are and what they had. */
export interface CapacitySet {
  readonly result: 'set';
  readonly capacity: number;
  readonly was: { readonly name: string; readonly ownCapacity: number | undefined; readonly projectCapacity: number };
}

/** Role holders of one tenant, for the role setup page. */
export async function operatorsOfTenant(deps: CoreDeps, channel: Participant['channel'], tenantId: string): Promise<Operator[]> {
  const found: Versioned<Operator>[] = await deps.state.operatorsOfTenant(channel, tenantId);
  return found.map((o) => o.value);
}
