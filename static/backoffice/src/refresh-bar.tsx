import Button from '@atlaskit/button/new';
import RefreshIcon from '@atlaskit/icon/core/refresh';
import { Inline, Text } from '@atlaskit/primitives';

/**
 * When a view last read Koji's data, and a button to read it again: operators go on and off
 * duty and users ask for help from their chats, which the page hears nothing of.
 */
export function RefreshBar({
  updatedAt,
  refreshing,
  onRefresh,
  label,
  note,
}: {
  readonly updatedAt: number | undefined;
  readonly refreshing: boolean;
  readonly onRefresh: () => void;
  readonly label: string;
  /** How the view keeps itself up to date, after the time ("Updates every 10 seconds."). */
  readonly note?: string | undefined;
}) {
  return (
    <Inline space="space.150" alignBlock="center" spread="space-between">
      <Text color="color.text.subtle" size="small">
        <span role="status">{refreshing ? 'Refreshing…' : updatedAt === undefined ? '' : `Last updated ${new Date(updatedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`}</span>
        {note ? ` · ${note}` : null}
      </Text>
      <Button iconBefore={RefreshIcon} onClick={onRefresh} isLoading={refreshing} aria-label={label}>
        Refresh
      </Button>
    </Inline>
  );
}
