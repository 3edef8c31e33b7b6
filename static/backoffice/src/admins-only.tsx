import { Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';

/** What a tab that changes connections, roles or people's data says to someone who may only read. */
export function AdminsOnly() {
  return (
    <SectionMessage appearance="information" title="Only admins can connect chats and give roles">
      <Text as="p">Only Jira admins or project admins can connect Slack workspaces and Teams tenants and give people the Live agent role.</Text>
    </SectionMessage>
  );
}
