import type { PersonDataPageView, PersonFoundView } from '../../../src/shared/resolver-contract';

/**
 * One person's export as the file the admin downloads: the pages `privacy/export` answered, joined. Each of their
 * conversations carries its own records (rating, ticket link) and its lines, in order; the rest as the pages gave it.
 */
export interface PersonExportFile {
  readonly exportedAt: string;
  readonly person: PersonFoundView;
  readonly records: Readonly<Record<string, unknown>>;
  readonly conversations: ReadonlyArray<Readonly<Record<string, unknown>>>;
  readonly linesWrittenElsewhere: PersonDataPageView['written'];
  readonly conversationsServed: PersonDataPageView['served'];
  readonly auditEntries: PersonDataPageView['audit'];
  readonly serviceFigures: PersonDataPageView['figures'];
}

export function joinExport(person: PersonFoundView, pages: readonly PersonDataPageView[], at: Date): PersonExportFile {
  const all = <K extends 'conversations' | 'conversationRecords' | 'lines' | 'written' | 'served' | 'audit' | 'figures'>(key: K) => pages.flatMap((p) => p[key] as ReadonlyArray<PersonDataPageView[K][number]>);
  const records = all('conversationRecords');
  const lines = all('lines');
  const known = new Set(all('conversations').map((c) => c['conversationId']));
  // Lines of a conversation History no longer lists (their open one, their words to the bot) still go in the file.
  const others = [...new Set(lines.map((l) => l.conversationId))].filter((id) => !known.has(id)).map((conversationId) => ({ conversationId }));
  return {
    exportedAt: at.toISOString(),
    person,
    records: pages.find((p) => p.records)?.records ?? {},
    conversations: [...all('conversations'), ...others].map((c) => ({
      ...c,
      records: records.find((r) => r.conversationId === c['conversationId'])?.records ?? {},
      lines: lines.filter((l) => l.conversationId === c['conversationId']).map((l) => l.line),
    })),
    linesWrittenElsewhere: all('written'),
    conversationsServed: all('served'),
    auditEntries: all('audit'),
    serviceFigures: all('figures'),
  };
}

/** A file name that says whose and when, with only safe characters. */
export function exportFileName(person: PersonFoundView, at: Date): string {
  return `koji-data-${person.channel}-${person.userId.replace(/[^A-Za-z0-9_-]/g, '_')}-${at.toISOString().slice(0, 10)}.json`;
}
