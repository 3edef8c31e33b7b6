import { Text } from '@atlaskit/primitives';
import type { ActivityListView, WaitingView } from '../../../src/shared/resolver-contract';
import { countOf, ListSection, timeOf } from './activity-lists';
import { channelWords } from './channels';
import { formatAgo } from './format';
import { usePagedList } from './paged-list';

/** Users waiting for an operator, first come first served; those being offered to an operator (offer first) say to whom. */
export function WaitingList({ list, now, onExtended }: { readonly list: ActivityListView<WaitingView>; readonly now: number; readonly onExtended: (extended: boolean) => void }) {
  const paged = usePagedList(list, 'activity/waiting');
  return (
    <ListSection title="Waiting" count={countOf(list)} paged={paged} onExtended={onExtended}>
      {paged.rows.length === 0 ? (
        <Text as="p" color="color.text.subtle">
          Nobody is waiting for an operator.
        </Text>
      ) : (
        <table className="koji-table" aria-label="Users waiting">
          <thead>
            <tr>
              <th scope="col">Position</th>
              <th scope="col">User</th>
              <th scope="col">Channel</th>
              <th scope="col">Waiting since</th>
              <th scope="col">Offer</th>
            </tr>
          </thead>
          <tbody>
            {paged.rows.map((user) => (
              <tr key={`${user.position}:${user.name}`}>
                <td>{user.position}</td>
                <td className="koji-strong">{user.name}</td>
                <td>{channelWords(user.channel).platform}</td>
                <td>{`${timeOf(user.since)} (${formatAgo(user.since, now)})`}</td>
                <td>{user.offeredTo ? `Offered to ${user.offeredTo.name}, answer by ${timeOf(user.offeredTo.until)}` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ListSection>
  );
}
