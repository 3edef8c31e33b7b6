import type { Conversation } from '../../domain/conversation';
import type { ChatChannel, Participant } from '../../domain/participant';
import { notesFor, say } from '../../domain/replies';
import { dispatchQueue } from '../queue/dispatch-queue';
import { closeWithoutOperator, endConversation } from '../conversation/end-conversation';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';
import { loadSettings } from '../settings/project-settings';
import { allConversationsInState } from '../queue/queue';
import { releaseOperator, tellHandedBack, type Released } from '../conversation/release-operator';

export interface TenantToDisconnect {
  readonly projectId: string;
  readonly channel: ChatChannel;
  readonly tenantId: string;
}

export interface TenantWoundDown {
  /** Conversations of the tenant's users with an operator, ended (their operators were told). */
  readonly conversationsEnded: number;
  /** The tenant's users who were waiting or had a ticket offered, taken out of the queue. */
  readonly waitingClosed: number;
  /** The tenant's operators whose Live agent role was removed. */
  readonly rolesRemoved: number;
}

/**
 * Winds down everything a Slack workspace or Teams tenant has open in a project
 * before its connection is deleted; once it is gone nothing from that tenant
 * arrives any more, so anything left would stay forever: an operator "on duty"
 * in the overview, a user holding an operator's capacity, a role nobody can
 * remove from a tenant the role setup page no longer lists.
 *
 * The caller deletes the connection afterwards, so the tenant's people can still
 * be told, and a disconnect that fails halfway can simply be run again.
 *
 * In this order, so that nobody is matched with someone who is about to go:
 * 1. the tenant's users who are waiting leave the queue;
 * 2. the tenant's users who are with an operator (of any tenant) end their
 *    conversations, and those operators are told, without matching them yet;
 * 3. the tenant's operators lose their role; users of other tenants they were
 *    serving go back to the front of the queue (or, with nobody left on duty,
 *    are offered a ticket), and each side is told the same story;
 * 4. the queue is matched once with the operators who are left.
 */
export async function disconnectTenant(deps: CoreDeps, tenant: TenantToDisconnect): Promise<TenantWoundDown> {
  const { projectId } = tenant;
  const settings = await loadSettings(deps, projectId);
  const ofTenant = (p: Participant) => p.channel === tenant.channel && p.tenantId === tenant.tenantId;
  const leftWithTenant = (s: Conversation) => notesFor(s).closedTenantDisconnected(s.userName, tenant.channel);

  // Conversations are indexed by project and state, not by tenant: a disconnect is rare, so it reads the project's.
  let waitingClosed = 0;
  for (const state of ['queued', 'offered', 'ticket-offered'] as const) {
    for (const { value: conversation } of await allConversationsInState(deps, projectId, state)) {
      if (!ofTenant(conversation.user)) continue;
      if (!(await closeWithoutOperator(deps, conversation, leftWithTenant, undefined, 'tenant-disconnected'))) continue;
      waitingClosed += 1;
      await notify(deps, conversation.user, { kind: 'notice', text: say(conversation.lang).toUser.tenantDisconnected(conversation.user.channel), conversationId: conversation.id });
    }
  }

  let conversationsEnded = 0;
  for (const { value: conversation } of await allConversationsInState(deps, projectId, 'with-operator')) {
    if (!ofTenant(conversation.user)) continue;
    if (await endConversation(deps, conversation.user, conversation.id, 'tenant-disconnected', settings, { dispatch: false })) conversationsEnded += 1;
  }

  const released: Released[] = [];
  for (const { value: operator } of await deps.state.operatorsOfTenant(tenant.channel, tenant.tenantId)) {
    if (operator.projectId !== projectId) continue;
    const one = await releaseOperator(deps, operator.participant, 'remove-role');
    if (one) released.push(one);
  }
  // Told once every role is gone, so "first in line" is never said while the next of the tenant's operators,
  // about to go too, is the only one on duty: with nobody left, they are offered a ticket instead.
  for (const { operator, requeued } of released) {
    // One of the tenant's own users can only be here if they connected while steps 1–2 ran: they leave too.
    for (const conversation of requeued.filter((r) => ofTenant(r.user))) {
      if (!(await closeWithoutOperator(deps, conversation, leftWithTenant, undefined, 'tenant-disconnected'))) continue;
      waitingClosed += 1;
      await notify(deps, conversation.user, { kind: 'notice', text: say(conversation.lang).toUser.tenantDisconnected(conversation.user.channel), conversationId: conversation.id });
    }
    const why = { kind: 'tenant-disconnected', name: operator.displayName, channel: tenant.channel } as const;
    const handedOver = await tellHandedBack(deps, projectId, requeued.filter((r) => !ofTenant(r.user)), why);
    await notify(deps, operator.participant, { kind: 'notice', text: say(operator.lang).toOperator.tenantDisconnected(operator.participant.channel, handedOver) });
  }
  const rolesRemoved = released.length;

  await dispatchQueue(deps, projectId, settings);
  deps.log.info('tenant_wound_down', { channel: tenant.channel, tenantId: tenant.tenantId, conversationsEnded, waitingClosed, rolesRemoved });
  return { conversationsEnded, waitingClosed, rolesRemoved };
}
