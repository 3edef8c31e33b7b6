import { useEffect, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { ActivityListView } from '../../../src/shared/resolver-contract';
import { Section } from './common';

/** The resolvers that read the page after an Overview list's `next`. */
export type ActivityMoreKey = 'activity/on-duty' | 'activity/waiting' | 'activity/in-progress';

/**
 * How many rows a list has, as far as the page read: "3", or "25+" when there are more pages. Koji never
 * counts a long list whole (that would read all of it on every refresh), so a long list is "at least".
 */
export function countOf(list: ActivityListView<unknown>): string {
  return `${list.rows.length}${list.next ? '+' : ''}`;
}

/** A section of the Overview holding one paged list: its rows, Load more while there are more, a problem if one came. */
export function ListSection({
  title,
  count,
  paged,
  onExtended,
  children,
}: {
  readonly title: string;
  readonly count: string;
  readonly paged: { readonly next: string | undefined; readonly more: () => void; readonly loading: boolean; readonly problem?: string | undefined; readonly extended: boolean };
  readonly onExtended: (extended: boolean) => void;
  readonly children: ReactNode;
}) {
  const { extended } = paged;
  useEffect(() => onExtended(extended), [extended, onExtended]);
  return (
    <Section title={`${title} (${count})`}>
      <Stack space="space.150">
        {children}
        {paged.next || paged.problem ? (
          <Inline space="space.150" alignBlock="center">
            {paged.next ? (
              <Button onClick={paged.more} isLoading={paged.loading} aria-label={`Load more: ${title}`}>
                Load more
              </Button>
            ) : null}
            {paged.problem ? <Text color="color.text.danger">{paged.problem}</Text> : null}
          </Inline>
        ) : null}
      </Stack>
    </Section>
  );
}

/** The time of day with seconds, with the date when it was not today. */
export function timeOf(epochMs: number): string {
  const at = new Date(epochMs);
  const time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return at.toDateString() === new Date().toDateString() ? time : `${time} on ${at.toLocaleDateString()}`;
}
