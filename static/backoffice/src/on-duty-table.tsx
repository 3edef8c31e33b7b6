import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { ActivityListView, OnDutyView } from '../../../src/shared/resolver-contract';
import { countOf, ListSection } from './activity-lists';
import { channelWords } from './channels';
import { formatDate } from './format';
import { PutOffDutyDialog } from './put-off-duty-dialog';
import { usePutOffDuty } from './put-off-duty';
import { usePagedList } from './paged-list';

/** Offer first: the operator offers waiting for their answer ("1 offer waiting"), after `separator`; nothing when there are none. */
function offersWaiting(op: OnDutyView, separator: string): string {
  if (!op.offers) return '';
  return `${separator}${op.offers} ${op.offers === 1 ? 'offer' : 'offers'} waiting`;
}

/** Who is on duty, in routing order (the next to be given a user first), a page at a time. */
export function OnDutyList({ list, onExtended }: { readonly list: ActivityListView<OnDutyView>; readonly onExtended: (extended: boolean) => void }) {
  const paged = usePagedList(list, 'activity/on-duty');
  return (
    <ListSection title="On duty" count={countOf(list)} paged={paged} onExtended={onExtended}>
      {paged.rows.length === 0 ? (
        <SectionMessage appearance="information" title="Nobody is on duty">
          <Text as="p">Operators start a shift by writing #on to the Koji bot, and end it with #off.</Text>
        </SectionMessage>
      ) : (
        <OnDutyTable operators={paged.rows} />
      )}
    </ListSection>
  );
}

/** Who is on duty: channel, since when, conversations against their capacity (and offers waiting), and Put off duty (asked first). */
function OnDutyTable({ operators }: { readonly operators: readonly OnDutyView[] }) {
  const [asking, setAsking] = useState<OnDutyView | undefined>();
  const { busy, putOff } = usePutOffDuty();
  return (
    <>
      <table className="koji-table" aria-label="Operators on duty">
        <thead>
          <tr>
            <th scope="col">Operator</th>
            <th scope="col">Channel</th>
            <th scope="col">On duty since</th>
            <th scope="col">Conversations</th>
            <th scope="col">
              <span className="koji-offscreen">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {operators.map((op) => (
            <tr key={`${op.channel}:${op.tenantId}:${op.userId}`}>
              <td className="koji-strong">{op.name}</td>
              <td>{channelWords(op.channel).platform}</td>
              <td>{op.since === undefined ? '–' : formatDate(op.since)}</td>
              <td>
                <span className="koji-offscreen">{`${op.load} of ${op.capacity} conversations${offersWaiting(op, ', ')}: `}</span>
                <span aria-hidden="true">{`${op.load}/${op.capacity}${offersWaiting(op, ' · ')}`}</span>
              </td>
              <td className="koji-actions">
                <Button isLoading={busy === op.userId} onClick={() => setAsking(op)} aria-label={`Put ${op.name} off duty`}>
                  Put off duty
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <PutOffDutyDialog
        operator={asking}
        onCancel={() => setAsking(undefined)}
        onConfirm={(op) => {
          setAsking(undefined);
          putOff(op);
        }}
      />
    </>
  );
}
