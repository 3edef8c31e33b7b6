import type { HandledMessage, IncomingChatMessage } from '../../app/conversation/incoming-message';
import { header, type RawRequest, type RawResponse } from '../chat/raw-request';
import { refusal } from '../chat/web-trigger-answers';
import { messageOf } from '../../domain/koji-error';
import { narrowTeamsActivity, parseTeamsActivity, type TeamsActivity, type TeamsCard, type TeamsConversationReference } from './teams-activity';
import { claimedAudience, validateBotFrameworkToken, type BotFrameworkKeySource } from './teams-auth';
import { appIdOfBot, KvsTeamsReferences, type TeamsTenant } from './teams-tenants';
import type { ConsentAnswer } from '../../app/files/file-consent-job';
import type { EditOutcome, IncomingChatEdit } from '../../app/edits/chat-edit';

export interface TeamsReceiverDeps {
  /** The binding of this bot (app id) in this tenant. */
  readonly tenant: (tenantId: string, appId: string) => Promise<TeamsTenant | undefined>;
  /** Whether the tenant has any binding: asked only once an activity is refused, to tell a misconfigured bot in the backoffice. */
  readonly tenantConnected?: ((tenantId: string) => Promise<boolean>) | undefined;
  /** The binding is proven by this verified activity: called on its first one only (one write), never again. */
  readonly confirm: (tenant: TeamsTenant) => Promise<TeamsTenant>;
  /**
   * The tenant Microsoft's roster puts the activity's sender in, asked with the
   * binding's bot (`GET …/conversations/{id}/members/{userId}`); undefined when
   * it could not be asked. Only for a binding still waiting for its proof.
   */
  readonly tenantOfSender: (tenant: TeamsTenant, where: { serviceUrl: string; conversationId: string; userId: string }) => Promise<string | undefined>;
  readonly keys: BotFrameworkKeySource;
  readonly references: {
    get(tenantId: string, userId: string): Promise<TeamsConversationReference | undefined>;
    put(reference: TeamsConversationReference): Promise<void>;
    remove(tenantId: string, userId: string): Promise<void>;
  };
  readonly dispatch: (message: IncomingChatMessage, tenant: TeamsTenant, sender: TeamsConversationReference | undefined) => Promise<HandledMessage | 'queued'>;
  /** Runs the core on a verified edit or deletion of a person's message (app/edits). */
  readonly edit?: ((edit: IncomingChatEdit, tenant: TeamsTenant) => Promise<EditOutcome>) | undefined;
  /** Shows a clicked card as used: replaces it with its lead line and the note, without actions. */
  readonly markCardUsed: (tenant: TeamsTenant, card: TeamsCard, note: string) => Promise<void>;
  readonly personLeft: (tenant: TeamsTenant, userId: string) => Promise<void>;
  /** A click on a file consent card (Allow or Decline), its shape checked; the rest is checked before any call out. */
  readonly fileConsent?: ((answer: ConsentAnswer, tenant: TeamsTenant) => Promise<unknown>) | undefined;
  readonly log: { info(event: string, fields?: Record<string, unknown>): void; warn(event: string, fields?: Record<string, unknown>): void };
  /**
   * Told of each check of a connected tenant's activity, so a wrong App ID shows in the backoffice (tenant-health.ts):
   * per binding (`appId`), or for the tenant as a whole when the activity's bot has none there (`appId` undefined).
   */
  readonly health?:
    | { refused(tenantId: string, appId: string | undefined, reason: string): Promise<void>; verified(tenantId: string, appId: string): Promise<void> }
    | undefined;
}

/**
 * The Teams side of the web trigger. The activity is read only to find its
 * tenant and service URL, and the token only for the bot it names (its
 * audience); nothing is acted on before the token checks out against that
 * bot's binding in that tenant. A binding an admin typed is proven by its
 * first such activity.
 */
export async function receiveTeamsRequest(request: RawRequest, deps: TeamsReceiverDeps): Promise<RawResponse> {
  const parsed = parseTeamsActivity(request.body ?? '');
  if (!parsed.ok) return refusal('malformed_activity', parsed.reason);
  const { activity } = parsed;
  // Cheap checks first: without a token that could be one, the tenant is not even looked up.
  const authorization = header(request, 'authorization');
  if (!isBearerJwt(authorization)) return refusal('invalid_token', 'The request carries no Bearer token.');
  const appId = claimedAudience(authorization);
  if (!appId) {
    const reason = 'The token is not for a bot: its audience (aud) is no Microsoft App ID.';
    await refusedForTenant(deps, activity, authorization, reason);
    return refusal('invalid_token', reason);
  }
  // The one look-up authentication needs, by a tenant id whose shape parseTeamsActivity checked and an app id that is a GUID.
  const bound = await deps.tenant(activity.tenantId, appId);
  if (!bound) {
    await refusedForTenant(deps, activity, authorization, 'The activity is for another bot than the one connected for this tenant.');
    return refusal('unknown_tenant', `The Microsoft Teams tenant ${activity.tenantId} is not connected to Koji for this bot.`);
  }
  const check = await validateBotFrameworkToken({ authorization, activity, appId: bound.appId, keys: deps.keys });
  if (!check.ok) {
    // A token nothing shows Microsoft made is anyone's: it says nothing of the tenant's configuration.
    if (check.refusal !== 'unproven') await deps.health?.refused(bound.tenantId, bound.appId, check.reason);
    return refusal('invalid_token', check.reason);
  }
  if (activity.recipient.id !== `28:${bound.appId}` && activity.recipient.id !== bound.appId) {
    await deps.health?.refused(bound.tenantId, bound.appId, 'The activity is for another bot than the one connected for this tenant.');
    return refusal('unknown_bot', 'The activity is for another bot than the one connected for this tenant.');
  }
  await deps.health?.verified(bound.tenantId, bound.appId);
  const proof = bound.confirmedAt === undefined ? await proveTenant(deps, bound, activity) : 'confirmed';
  if (proof === 'refuted') {
    const reason = 'Microsoft puts the sender of the activity in another tenant than the one it names.';
    await deps.health?.refused(bound.tenantId, bound.appId, reason);
    return refusal('unknown_tenant', reason);
  }
  const tenant = proof === 'proven' ? await deps.confirm(bound) : bound;

  const narrowed = narrowTeamsActivity(activity, tenant.projectId);
  switch (narrowed.kind) {
    case 'ignored':
      return ok();
    case 'installed':
      await saveReference(deps, narrowed.reference);
      deps.log.info('teams_installed', { tenantId: tenant.tenantId });
      return ok();
    case 'uninstalled':
      // Removing this bot says nothing of the person's chat with another project's bot.
      if (sameBot(await deps.references.get(narrowed.tenantId, narrowed.userId), bound.appId)) await deps.references.remove(narrowed.tenantId, narrowed.userId);
      await deps.personLeft(tenant, narrowed.userId);
      return ok();
    case 'file-consent':
      // Teams waits 15 s for the answer to an invoke: checked here, the file goes on the queue (teams-file-consent.ts).
      try {
        await deps.fileConsent?.(narrowed.answer, tenant);
      } catch (error) {
        deps.log.warn('teams_file_consent_failed', { tenantId: tenant.tenantId, reason: messageOf(error) });
      }
      return ok();
    case 'edit': {
      const outcome = deps.edit ? await deps.edit(narrowed.edit, tenant) : 'ignored';
      deps.log.info('teams_edit', { tenantId: tenant.tenantId, deliveryId: narrowed.edit.id, outcome });
      return ok();
    }
    case 'removed-from-conversation':
      await forgetConversation(deps, narrowed, bound.appId);
      return ok();
    case 'message': {
      if (narrowed.reference) await keepReference(deps, narrowed.reference);
      const handled = await deps.dispatch(narrowed.message, tenant, narrowed.reference);
      const outcome = handled === 'queued' ? handled : handled.outcome;
      deps.log.info('teams_message', { tenantId: tenant.tenantId, deliveryId: narrowed.message.id, outcome });
      // Only after the core settled the click, and only then: a refused, failed or redelivered submit leaves the card alone.
      if (handled !== 'queued' && handled.cardNote !== undefined && narrowed.card) {
        await markCardUsed(deps, tenant, narrowed.card, handled.cardNote, narrowed.message.id);
      }
      return ok();
    }
  }
}

/**
 * A refused activity whose bot has no binding in its tenant: shown on the
 * tenant's row when Microsoft signed its token (a bot whose messaging endpoint
 * is this Koji but whose app id is not the connected one) and some project
 * connected the tenant. A token nothing shows Microsoft made could be anyone's:
 * it is refused and recorded nowhere, and no tenant is looked up for it.
 */
async function refusedForTenant(deps: TeamsReceiverDeps, activity: TeamsActivity, authorization: string, reason: string): Promise<void> {
  if (!deps.health || !deps.tenantConnected) return;
  const check = await validateBotFrameworkToken({ authorization, activity, appId: undefined, keys: deps.keys });
  // Only a current token that fits everything but the binding: any bot's owner can get one, but not replay an old one.
  if (!check.ok) return;
  if (await deps.tenantConnected(activity.tenantId)) await deps.health.refused(activity.tenantId, undefined, reason);
}

/** The click has been acted on whatever happens here: a card that cannot be updated is logged, never a failed request. */
async function markCardUsed(deps: TeamsReceiverDeps, tenant: TeamsTenant, card: TeamsCard, note: string, deliveryId: string): Promise<void> {
  try {
    await deps.markCardUsed(tenant, card, note);
  } catch (error) {
    deps.log.warn('teams_card_not_updated', { tenantId: tenant.tenantId, deliveryId, reason: messageOf(error) });
  }
}

/** A team or group chat the app left: a reference that leads there is forgotten, and nothing else changes. */
async function forgetConversation(deps: TeamsReceiverDeps, removed: { tenantId: string; userId: string; conversationId: string }, appId: string): Promise<void> {
  const stored = await deps.references.get(removed.tenantId, removed.userId);
  if (stored?.conversationId === removed.conversationId && sameBot(stored, appId)) await deps.references.remove(removed.tenantId, removed.userId);
  deps.log.info('teams_removed_from_conversation', { tenantId: removed.tenantId });
}

/**
 * A person known from an earlier install keeps their reference; a new or moved one is saved.
 * A failure here is logged, never a failed activity: this message carries the reference to the
 * core itself, the next one saves it again, and a 5xx would make Teams redeliver a message
 * whose answer may already have gone out.
 */
async function keepReference(deps: TeamsReceiverDeps, reference: TeamsConversationReference): Promise<void> {
  try {
    await saveReference(deps, reference);
  } catch (error) {
    deps.log.warn('teams_reference_not_saved', { tenantId: reference.tenantId, reason: messageOf(error) });
  }
}

/**
 * Never onto another bot while theirs is still connected: whoever runs a bot can have it
 * deliver any sender, and moving the reference would hand them that person's conversations
 * (every message meant for them). A bot no longer connected gives its people up.
 */
async function saveReference(deps: TeamsReceiverDeps, reference: TeamsConversationReference): Promise<void> {
  const stored = await deps.references.get(reference.tenantId, reference.userId);
  const appId = appIdOfBot(reference.botId);
  const same = stored && sameBot(stored, appId) && stored.serviceUrl === reference.serviceUrl && stored.conversationId === reference.conversationId && stored.name === reference.name;
  // The same address, written within the month, is left as it is: its lifetime runs a year from then (teams-tenants.ts).
  if (same && KvsTeamsReferences.isFresh(stored)) return;
  if (stored && !sameBot(stored, appId) && (await deps.tenant(stored.tenantId, appIdOfBot(stored.botId)))) {
    deps.log.info('teams_reference_kept', { tenantId: reference.tenantId });
    return;
  }
  await deps.references.put(reference);
}

/** Whether a stored reference reaches the person through this bot (Teams writes a bot as `28:{app id}` or the bare app id). */
function sameBot(stored: TeamsConversationReference | undefined, appId: string): boolean {
  return stored !== undefined && appIdOfBot(stored.botId) === appId;
}

/**
 * A bot's token names the bot, not the tenant: any activity verified for a bot
 * could name any tenant. Microsoft's roster says where the sender really is.
 * Asked once per binding (only while it waits); if it cannot be asked, the
 * binding keeps waiting and the activity is served as before.
 */
async function proveTenant(deps: TeamsReceiverDeps, bound: TeamsTenant, activity: TeamsActivity): Promise<'proven' | 'refuted' | 'unknown'> {
  const where = { serviceUrl: activity.serviceUrl, conversationId: activity.conversation.id, userId: activity.from.id };
  const named = await deps.tenantOfSender(bound, where);
  if (named === undefined) {
    deps.log.info('teams_tenant_not_proven', { tenantId: bound.tenantId });
    return 'unknown';
  }
  return named.toLowerCase() === bound.tenantId.toLowerCase() ? 'proven' : 'refuted';
}

/** A JWT in a Bearer header: three base64url parts, of a size a Bot Framework token has (a few KB at most). */
function isBearerJwt(authorization: string | undefined): authorization is string {
  return authorization !== undefined && authorization.length <= 16 * 1024 && /^Bearer\s+[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/i.test(authorization);
}

function ok(): RawResponse {
  return { statusCode: 200, headers: { 'Content-Type': ['application/json'] }, body: '{}' };
}
