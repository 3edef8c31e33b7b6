import type { ChatSession, SessionStateKind } from '../domain/chat-session';
import { buttonLabels, toUser } from '../domain/replies';
import type { LiveAgentSettings } from '../domain/settings';
import { LOST_RACE, untilCommitted } from './compare-and-set';
import { dispatchQueue } from './dispatch-queue';
import { closeWithoutOperator, endConversation } from './end-session';
import { notify } from './notify';
import type { CoreDeps } from './ports';
import { allSessionsInState } from './queue';
import { loadSettings } from './project-settings';

/** An offered ticket nobody took up is forgotten after a day. */
const TICKET_OFFER_LIFETIME_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

export interface SweepReport {
  readonly closedForInactivity: number;
  readonly queueTimeouts: number;
  readonly offersExpired: number;
}

/**
 * Run on a schedule: closes silent conversations, tells users who waited too
 * long that nobody could come (and offers a ticket), forgets stale offers.
 * Silence is read from the transcript's last line, so relaying a message never
 * has to write an "last active" time.
 */
export async function sweepTimeouts(deps: CoreDeps): Promise<SweepReport> {
  const report = { closedForInactivity: 0, queueTimeouts: 0, offersExpired: 0 };
  for (const projectId of await deps.settings.enabledProjects()) {
    const settings = await loadSettings(deps, projectId);
    if (!settings.enabled) continue;
    // A match missed after a crash between commit and matching is made here, within one sweep.
    await dispatchQueue(deps, projectId, settings);
    await forEachSession(deps, projectId, 'with-operator', async (session) => {
      if (await isSilent(deps, session, settings)) {
        if (await endConversation(deps, session.user, session.id, 'inactivity', settings)) report.closedForInactivity += 1;
      }
    });
    await forEachSession(deps, projectId, 'queued', async (session) => {
      if (session.state.kind !== 'queued') return;
      if (deps.clock.now() - session.state.enteredAt < settings.queueTimeoutMinutes * MINUTE_MS) return;
      if (await offerTicketAfterWaiting(deps, session, settings)) report.queueTimeouts += 1;
    });
    await forEachSession(deps, projectId, 'ticket-offered', async (session) => {
      if (session.state.kind !== 'ticket-offered') return;
      if (deps.clock.now() - session.state.since < TICKET_OFFER_LIFETIME_MS) return;
      const closed = await closeWithoutOperator(deps, session, (s) => `${s.userName} did not take up the offered ticket in time.`, ['ticket-offered']);
      if (!closed) return;
      report.offersExpired += 1;
    });
  }
  return report;
}

async function forEachSession(
  deps: CoreDeps,
  projectId: string,
  state: SessionStateKind,
  visit: (session: ChatSession) => Promise<void>,
): Promise<void> {
  for (const { value } of await allSessionsInState(deps, projectId, state)) await visit(value);
}

async function isSilent(deps: CoreDeps, session: ChatSession, settings: LiveAgentSettings): Promise<boolean> {
  if (session.state.kind !== 'with-operator') return false;
  const [last] = await deps.transcripts.read(session.id, { last: 1 });
  const lastActivity = Math.max(last?.at ?? 0, session.state.since);
  return deps.clock.now() - lastActivity >= settings.inactivityTimeoutMinutes * MINUTE_MS;
}

async function offerTicketAfterWaiting(deps: CoreDeps, session: ChatSession, settings: LiveAgentSettings): Promise<boolean> {
  const offered = await untilCommitted(async () => {
    const current = await deps.state.getSession(session.user);
    if (!current || current.value.id !== session.id || current.value.state.kind !== 'queued') return false;
    const next: ChatSession = {
      ...current.value,
      state: { kind: 'ticket-offered', since: deps.clock.now(), reason: 'queue-timeout' },
    };
    return (await deps.state.commit([{ kind: 'put-session', session: next, expected: current.version }])) ? true : LOST_RACE;
  });
  if (offered) {
    await notify(deps, session.user, {
      kind: 'notice',
      text: toUser.queueTimedOut(settings.queueTimeoutMinutes),
      conversationId: session.id,
      buttons: [{ action: 'accept-ticket', label: buttonLabels.createTicketForMe }],
    });
  }
  return offered;
}
