import type { DeflectionCounters, DeflectionCounts, DeflectionEvent } from '../../src/app/deflection/deflection-counters';
import type { KnowledgeBase } from '../../src/app/assistant-port';
import type { KbArticle } from '../../src/domain/knowledge-base';

/** A knowledge base in memory: an article matches when its title or excerpt holds one of the query's words. */
export class FakeKnowledgeBase implements KnowledgeBase {
  readonly articles: KbArticle[] = [];
  readonly queries: string[] = [];
  /** The next searches fail (as a timeout or an error status would). */
  failing = false;

  search(question: { readonly query: string }): Promise<readonly KbArticle[]> {
    this.queries.push(question.query);
    if (this.failing) return Promise.reject(new Error('The knowledge base did not answer within 2000 ms.'));
    const terms = question.query.toLowerCase().split(' ');
    return Promise.resolve(this.articles.filter((a) => terms.some((t) => `${a.title} ${a.excerpt}`.toLowerCase().includes(t))));
  }
}

/** Deflection counters in memory: one entry per event id, as the store keeps one record per event. */
export class InMemoryDeflectionCounters implements DeflectionCounters {
  readonly events = new Map<string, DeflectionEvent>();
  writes = 0;

  record(projectId: string, day: string, event: DeflectionEvent, eventId: string): Promise<void> {
    this.writes += 1;
    this.events.set(`${projectId}/${day}/${eventId}/${event}`, event);
    return Promise.resolve();
  }

  countsOn(projectId: string, day: string): Promise<DeflectionCounts> {
    const counts = { answered: 0, solved: 0, escalated: 0, 'no-match': 0 };
    for (const [key, event] of this.events) if (key.startsWith(`${projectId}/${day}/`)) counts[event] += 1;
    return Promise.resolve(counts);
  }
}
