import { useState } from 'react';
import Button from '@atlaskit/button/new';
import type { OnDutyView } from '../../../src/shared/resolver-contract';
import { channelWords } from './channels';
import { formatDate } from './format';
import { PutOffDutyDialog } from './put-off-duty-dialog';
import { usePutOffDuty } from './put-off-duty';

/** Offer first: the operator offers waiting for their answer ("1 offer waiting"), after `separator`; nothing when there are none. */
function offersWaiting(op: OnDutyView, separator: string): string {
  if (!op.offers) return '';
  return `${separator}${op.offers} ${op.offers === 1 ? 'offer' : 'offers'} waiting`;
}

/** Who is on duty: channel, since when, conversations against their capacity (and offers waiting), and Put off duty (asked first). */
export function OnDutyTable({ operators }: { readonly operators: readonly OnDutyView[] }) {
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
