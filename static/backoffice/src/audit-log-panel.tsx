import { useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import Select from '@atlaskit/select';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { AuditKindView } from '../../../src/shared/resolver-contract';
import { AUDIT_KIND_LABELS, useAuditLog, type AuditFilter } from './audit-log';
import { Problem, Section } from './common';
import { formatDate } from './format';
import { RefreshBar } from './refresh-bar';

interface Option {
  readonly label: string;
  readonly value: string;
}

const ALL: Option = { label: 'All actions', value: '' };
const KIND_OPTIONS: readonly Option[] = [ALL, ...Object.entries(AUDIT_KIND_LABELS).map(([value, label]) => ({ label, value }))];
const EVERYONE: Option = { label: 'Every admin', value: '' };

/** Who changed what, newest first: one filter at a time (an action kind, or an admin seen in the log), Load more for older. */
export function AuditLogPanel() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const log = useAuditLog(filter);
  // Admins are offered from the entries read so far: KVS has no list of them, and this costs nothing more.
  const [admins, setAdmins] = useState<ReadonlyMap<string, string>>(new Map());
  const known = useMemo(() => new Map([...admins, ...log.entries.map((e) => [e.actor.accountId, e.actor.displayName] as const)]), [admins, log.entries]);
  const adminOptions: readonly Option[] = [EVERYONE, ...[...known].map(([value, label]) => ({ label, value }))];

  return (
    <Section title="Audit log" description="Every change an admin made to Koji in this project: who, when and what changed (secrets are never shown). Kept for a year.">
      <Stack space="space.150">
        <Inline space="space.200" alignBlock="end" shouldWrap>
          <FilterSelect
            label="Action"
            name="kind"
            options={KIND_OPTIONS}
            value={KIND_OPTIONS.find((o) => o.value === (filter.kind ?? '')) ?? ALL}
            onPick={(value) => setFilter(value ? { kind: value as AuditKindView } : {})}
          />
          <FilterSelect
            label="Admin"
            name="admin"
            options={adminOptions}
            value={adminOptions.find((o) => o.value === (filter.actorId ?? '')) ?? EVERYONE}
            onPick={(value) => {
              setAdmins(known);
              setFilter(value ? { actorId: value } : {});
            }}
          />
        </Inline>
        <RefreshBar updatedAt={log.at} refreshing={log.loading} onRefresh={log.reload} label="Refresh the audit log" />
        {log.failure ? <Problem title="The audit log could not be loaded" message={log.failure.message} onRetry={log.reload} /> : null}
        {!log.loading && !log.failure && log.entries.length === 0 ? <Text as="p" color="color.text.subtle">Nothing recorded yet{filter.kind || filter.actorId ? ' for this filter' : ''}.</Text> : null}
        {log.entries.length > 0 ? (
          <table className="koji-table" aria-label="Audit log">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {log.entries.map((entry) => (
                <tr key={entry.id}>
                  <td className="koji-nowrap">{formatDate(entry.at)}</td>
                  <td>{entry.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {log.more ? (
          <Inline>
            <Button onClick={log.loadMore} isLoading={log.loading}>
              Load more
            </Button>
          </Inline>
        ) : null}
      </Stack>
    </Section>
  );
}

/** One of the log's filters: a labelled select whose empty value means no filter. */
function FilterSelect(props: { readonly label: string; readonly name: string; readonly options: readonly Option[]; readonly value: Option; readonly onPick: (value: string) => void }) {
  return (
    <label className="koji-filter">
      <Text size="small">{props.label}</Text>
      <Select<Option>
        inputId={`koji-audit-${props.name}`}
        className={`koji-audit-${props.name}`}
        aria-label={`Filter by ${props.label.toLowerCase()}`}
        options={props.options}
        value={props.value}
        isSearchable={false}
        onChange={(option) => props.onPick(option?.value ?? '')}
      />
    </label>
  );
}
