import type { StoredLine } from '../../src/app/edits/chat-edit';
import type { TranscriptCursor } from '../../src/domain/conversation';
import type { LiveAgentSettings } from '../../src/domain/settings';
import { compareLines, isAfter, type TranscriptLine } from '../../src/domain/transcript';
import type { Clock, DeliveryLog, SettingsRepository, TranscriptLog } from '../../src/app/ports';

export class InMemorySettings implements SettingsRepository {
  readonly byProject = new Map<string, LiveAgentSettings>();
  /** Reads of a project's settings, each one KVS read on Forge. */
  reads = 0;

  get(projectId: string): Promise<LiveAgentSettings | undefined> {
    this.reads += 1;
    return Promise.resolve(this.byProject.get(projectId));
  }

  put(projectId: string, settings: LiveAgentSettings): Promise<void> {
    this.byProject.set(projectId, structuredClone(settings));
    return Promise.resolve();
  }

  enabledProjects(): Promise<string[]> {
    return Promise.resolve([...this.byProject].filter(([, s]) => s.enabled).map(([id]) => id));
  }

  allProjects(): Promise<Array<{ projectId: string; settings: LiveAgentSettings }>> {
    return Promise.resolve([...this.byProject].map(([projectId, settings]) => ({ projectId, settings: structuredClone(settings) })));
  }
}

/** Transcript lines in memory; lines written with an expiry vanish when the clock passes it. */
export class InMemoryTranscripts implements TranscriptLog {
  readonly conversations = new Map<string, Map<string, { line: TranscriptLine; expiresAt?: number }>>();
  appends = 0;

  constructor(private readonly clock: Clock) {}

  append(conversationId: string, line: TranscriptLine, options: { expiresInSeconds?: number } = {}): Promise<'appended' | 'duplicate'> {
    const lines = this.linesOf(conversationId);
    const existing = lines.get(line.id);
    if (existing && !this.expired(existing)) return Promise.resolve('duplicate');
    const expiresAt = options.expiresInSeconds === undefined ? undefined : this.clock.now() + options.expiresInSeconds * 1000;
    lines.set(line.id, { line: structuredClone(line), ...(expiresAt === undefined ? {} : { expiresAt }) });
    this.appends += 1;
    return Promise.resolve('appended');
  }

  async appendMany(conversationId: string, lines: readonly TranscriptLine[], options: { expiresInSeconds?: number } = {}): Promise<void> {
    for (const line of lines) await this.append(conversationId, line, options);
  }

  read(conversationId: string, options: { after?: TranscriptCursor | undefined; last?: number } = {}): Promise<TranscriptLine[]> {
    const all = [...this.linesOf(conversationId).values()]
      .filter((entry) => !this.expired(entry))
      .map((entry) => structuredClone(entry.line))
      .filter((line) => isAfter(line, options.after))
      .sort(compareLines);
    return Promise.resolve(options.last === undefined ? all : all.slice(-options.last));
  }

  findLines(keys: ReadonlyArray<{ readonly conversationId: string; readonly lineId: string }>): Promise<StoredLine[]> {
    const found = keys.slice(0, 25).flatMap(({ conversationId, lineId }) => {
      const entry = this.conversations.get(conversationId)?.get(lineId);
      if (!entry || this.expired(entry)) return [];
      return [{ conversationId, line: structuredClone(entry.line), ...(entry.expiresAt === undefined ? {} : { expiresAt: entry.expiresAt }) }];
    });
    return Promise.resolve(found);
  }

  reviseLine(found: StoredLine, line: TranscriptLine): Promise<void> {
    this.linesOf(found.conversationId).set(line.id, { line: structuredClone(line), ...(found.expiresAt === undefined ? {} : { expiresAt: found.expiresAt }) });
    return Promise.resolve();
  }

  private linesOf(conversationId: string): Map<string, { line: TranscriptLine; expiresAt?: number }> {
    let lines = this.conversations.get(conversationId);
    if (!lines) {
      lines = new Map();
      this.conversations.set(conversationId, lines);
    }
    return lines;
  }

  private expired(entry: { expiresAt?: number }): boolean {
    return entry.expiresAt !== undefined && entry.expiresAt <= this.clock.now();
  }
}

export class InMemoryDeliveries implements DeliveryLog {
  readonly claimed = new Set<string>();

  claim(deliveryId: string): Promise<boolean> {
    if (this.claimed.has(deliveryId)) return Promise.resolve(false);
    this.claimed.add(deliveryId);
    return Promise.resolve(true);
  }

  release(deliveryId: string): Promise<void> {
    this.claimed.delete(deliveryId);
    return Promise.resolve();
  }
}

export class FixedClock implements Clock {
  constructor(private current = Date.UTC(2026, 10, 25, 9, 0, 0)) {}

  now(): number {
    return this.current;
  }

  advanceMinutes(minutes: number): void {
    this.current += minutes * 60_000;
  }

  advanceMs(ms: number): void {
    this.current += ms;
  }
}
