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
