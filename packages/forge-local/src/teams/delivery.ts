import { randomBytes } from 'node:crypto';
import { TriggerUnreachableError, type TriggerResponse } from '../slack/trigger-delivery';

/** Teams gives a bot about 15 s to answer; the sandbox waits as long. */
const DELIVERY_TIMEOUT_MS = 15_000;

/**
 * POSTs an activity to the bot's messaging endpoint the way the Bot Connector
 * does: JSON, `Authorization: Bearer <JWT>` (unless there is none to send),
 * and the connector's own headers.
 */
export async function deliverActivity(
  url: string,
  activity: { readonly conversation: { readonly id: string; readonly tenantId: string } },
  token: string | undefined,
): Promise<TriggerResponse> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Microsoft-SkypeBotApi (Microsoft-BotFramework/3.0)',
        'x-ms-conversation-id': activity.conversation.id,
        'x-ms-tenant-id': activity.conversation.tenantId,
        'ms-cv': `${randomBytes(16).toString('base64').slice(0, 22)}.1`,
        ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(activity),
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    throw new TriggerUnreachableError(url, { cause: error });
  }
}
