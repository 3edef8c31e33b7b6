import { header, type RawRequest, type RawResponse } from '../chat/raw-request';
import { refusal } from '../chat/web-trigger-answers';
import { messageOf } from '../../domain/koji-error';
import type { WebTriggerRefusalCode } from '../../shared/resolver-contract';
import type { HandledMessage, IncomingChatMessage } from '../../app/conversation/incoming-message';
import { ignoredWhateverTheWorkspace, narrowBlockAction, narrowSlackEvent, senderToReadAhead, type NarrowedSlackEvent, type SlackCard } from './slack-event';
import type { Participant } from '../../domain/participant';
import type { EditOutcome, IncomingChatEdit } from '../../app/edits/chat-edit';
import { parseSlackRequest } from './slack-request';
import { checkSlackSignatureHeaders, verifySlackSignature } from './slack-signature';
import type { SlackWorkspace } from './slack-workspaces';

/** A web trigger request as Forge hands it over: raw body, headers as arrays. */
export interface SlackReceiverDeps {
  readonly now: () => number;
  readonly workspace: (teamId: string) => Promise<SlackWorkspace | undefined>;
  /**
   * Starts reading what the core will read first about this sender, beside the workspace's
   * secret (speculative: used only if the request verifies, never acted on otherwise).
   */
  readonly readAhead?: ((sender: Participant) => void) | undefined;
  /** Runs the core on a verified message, inline or through the queue. */
  readonly dispatch: (message: IncomingChatMessage, workspace: SlackWorkspace) => Promise<HandledMessage | 'queued'>;
  /** Runs the core on a verified edit or deletion of a person's message (app/edits). */
  readonly edit?: ((edit: IncomingChatEdit, workspace: SlackWorkspace) => Promise<EditOutcome>) | undefined;
  /** Shows a clicked card as used: its content without buttons, and the note (chat.update). */
  readonly markCardUsed: (workspace: SlackWorkspace, card: SlackCard, note: string) => Promise<void>;
  readonly log: { info(event: string, fields?: Record<string, unknown>): void; warn(event: string, fields?: Record<string, unknown>): void };
  /** Told of each signature check of a connected workspace, so a wrong signing secret shows in the backoffice (tenant-health.ts). */
  readonly health?: { refused(teamId: string, reason: string): Promise<void>; verified(teamId: string): Promise<void> } | undefined;
}

/**
 * The Slack side of the web trigger, like a Bolt receiver: it checks the
 * signature headers first, answers Slack's handshake, drops with a 200 what is
 * not for us whichever workspace sent it, checks the signature of the rest
 * and hands it to the core once.
 *
 * Order matters: the body is only looked into to find which workspace's secret
 * to check the signature with; nothing is acted on before the check passes.
 */
export async function receiveSlackRequest(request: RawRequest, deps: SlackReceiverDeps): Promise<RawResponse> {
  const rawBody = request.body ?? '';
  const parsed = parseSlackRequest(rawBody, header(request, 'content-type'));
  if (!parsed.ok) return refuse('malformed_request', parsed.reason);
  const slackRequest = parsed.request;
  const signed = { rawBody, timestamp: header(request, 'x-slack-request-timestamp'), signature: header(request, 'x-slack-signature'), nowMs: deps.now() };
  // Cheap checks first: a request without a fresh, well-formed signature costs no storage read.
  const headers = checkSlackSignatureHeaders(signed);
  if (!headers.ok) return refuse('invalid_signature', headers.reason);

  if (slackRequest.kind === 'url-verification') {
    // The handshake names no workspace, and echoing its challenge changes nothing and reveals nothing.
    // It is answered without any look-up (checking it against every workspace's secret would let an
    // unsigned request read them all), and it works before the signing secret is saved in Koji.
    return json(200, { challenge: slackRequest.challenge });
  }

  const teamId = slackRequest.teamId;
  if (!teamId) return refuse('malformed_request', 'The request names no workspace.');
  // Like the handshake: an event Koji ignores whichever workspace sent it (the bot's echo of every post it makes,
  // another bot, bookkeeping) is answered without reading the secret. Nothing is done for it either way, so a
  // forged one gains nothing; verifying it would cost a read per relayed message, and one per forged request.
  if (slackRequest.kind === 'event' && ignoredWhateverTheWorkspace(slackRequest.event) !== undefined) return ok();
  // The one look-up authentication needs, by one validated id (parseSlackRequest checked its shape). The
  // sender's records are read beside it: a read, not an act, whose answer is used only once the request
  // verified (a forged but well-formed request costs one more read, and nothing is written for it).
  const sender = deps.readAhead && senderToReadAhead(slackRequest);
  if (sender) deps.readAhead?.({ channel: 'slack', tenantId: teamId, userId: sender });
  const workspace = await deps.workspace(teamId);
  if (!workspace) return refuse('unknown_workspace', `The Slack workspace ${teamId} is not connected to Koji.`);
  const check = verifySlackSignature({ ...signed, signingSecret: workspace.signingSecret });
  await (check.ok ? deps.health?.verified(teamId) : deps.health?.refused(teamId, check.reason));
  if (!check.ok) return refuse('invalid_signature', check.reason);

  let narrowed: NarrowedSlackEvent;
  switch (slackRequest.kind) {
    case 'event':
      narrowed = narrowSlackEvent(slackRequest, workspace, workspace.projectId);
      break;
    case 'block-actions':
      narrowed = narrowBlockAction(slackRequest.payload, teamId, workspace.projectId);
      break;
    case 'rate-limited':
      deps.log.warn('slack_app_rate_limited', { teamId });
      return ok();
    case 'other':
      return ok();
  }
  if (narrowed.kind === 'ignored') return ok();
  if (narrowed.kind === 'edit') {
    const outcome = deps.edit ? await deps.edit(narrowed.edit, workspace) : 'ignored';
    deps.log.info('slack_edit', { teamId, deliveryId: narrowed.edit.id, outcome });
    return ok();
  }
  const handled = await deps.dispatch(narrowed.message, workspace);
  const outcome = handled === 'queued' ? handled : handled.outcome;
  // The message's id names it in the transcript; the event's, Slack's delivery (both, for the logs).
  const eventId = slackRequest.kind === 'event' ? slackRequest.eventId : undefined;
  deps.log.info('slack_message', { teamId, deliveryId: narrowed.message.id, eventId, outcome, retry: header(request, 'x-slack-retry-num') });
  // Only after the core settled the click, and only then: a refused, failed or duplicate click leaves the card alone.
  if (handled !== 'queued' && handled.cardNote !== undefined && narrowed.card) {
    await markCardUsed(deps, workspace, narrowed.card, handled.cardNote, narrowed.message.id);
  }
  return ok();
}

/** The click has been acted on whatever happens here: a card that cannot be updated is logged, never a failed request. */
async function markCardUsed(deps: SlackReceiverDeps, workspace: SlackWorkspace, card: SlackCard, note: string, deliveryId: string): Promise<void> {
  try {
    await deps.markCardUsed(workspace, card, note);
  } catch (error) {
    deps.log.warn('slack_card_not_updated', { teamId: workspace.teamId, deliveryId, reason: messageOf(error) });
  }
}


function ok(): RawResponse {
  return { statusCode: 200, headers: { 'Content-Type': ['text/plain'] }, body: '' };
}

function json(status: number, body: unknown): RawResponse {
  return { statusCode: status, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(body) };
}

/** A deliberate refusal: Slack should not retry what will be refused again. */
function refuse(code: WebTriggerRefusalCode, message: string): RawResponse {
  return refusal(code, message, { 'X-Slack-No-Retry': ['1'] });
}
