import type { LocalPlatform } from '../../../packages/forge-local/src/platform';
import { SANDBOX_WORKSPACE } from '../../../packages/forge-local/src/slack';
import { invokeBackoffice, settle } from '../../local/support/local-platform-client';

/** Someone writes in their Slack sandbox DM, through the real web trigger (answered 200); then everything it set off is done. */
export async function sayOnSlack(platform: LocalPlatform, userId: string, text: string): Promise<void> {
  if (!platform.slack) throw new Error('The local platform started without its Slack sandbox.');
  expect((await platform.slack.sendAs(userId, text)).status).toBe(200);
  await settle(platform);
}

/**
 * The Slack desk the pages' specs start from, set up as an admin does through the backoffice's resolvers: live agent
 * support on, the sandbox workspace connected, Alice given the Live agent role, and Alice on duty (`#on`).
 */
export async function openSlackDesk(platform: LocalPlatform): Promise<void> {
  const admin = (functionKey: string, payload: Record<string, unknown>) => invokeBackoffice(platform, functionKey, payload);
  expect(await admin('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
  expect(await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret })).toMatchObject({ ok: true });
  expect(await admin('roles/grant', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UALICE' })).toMatchObject({ ok: true });
  await settle(platform);
  await sayOnSlack(platform, 'UALICE', '#on');
}
