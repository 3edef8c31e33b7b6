import type { TenantView } from '../../../src/shared/resolver-contract';

export type Channel = TenantView['channel'];

/**
 * What a Jira admin calls a tenant of each chat platform. "Tenant" alone is Koji's word (and the
 * stored one); the page says "Slack workspace" and "Teams tenant".
 */
export function channelWords(channel: Channel): { readonly one: string; readonly many: string; readonly platform: string } {
  return channel === 'slack'
    ? { one: 'Slack workspace', many: 'Slack workspaces', platform: 'Slack' }
    : { one: 'Teams tenant', many: 'Teams tenants', platform: 'Microsoft Teams' };
}
