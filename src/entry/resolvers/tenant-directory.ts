import type { TenantDirectory as ChatTenantDirectory } from '../../adapters/chat/chat-tenants';
import { buildChatTenants, type Services } from '../../composition';
import { tenantOf } from './tenant-resolvers';

/** One connected tenant as the role setup page sees it: its people, and services that can reach them. */
export type TenantDirectory = ChatTenantDirectory<Services>;

/** The tenant a role setup request names, refused unless it is connected to this project (and, for Teams, proven). */
export function tenantDirectoryOf(projectId: string, payload: unknown): Promise<TenantDirectory> {
  const { channel, tenantId } = tenantOf(payload);
  return buildChatTenants().directory(channel, projectId, tenantId);
}
