import MiniSearch from 'minisearch';
import { LOCAL_KB_ARTICLES, type StandInArticle } from './kb-articles';

/**
 * The stand-in's knowledge-base search, ranked by a real library (minisearch):
 * prefix and fuzzy matches, the title counting most, then labels, then the body.
 * A real site ranks with JSM's own search; this only has to behave like one.
 */
/** Where an article's local page is, under the site: `/jira/kb/<id>`. */
export const KB_PAGE = '/kb';

export class StandInKnowledgeBase {
  private readonly index = new MiniSearch<StandInArticle>({
    fields: ['title', 'labels', 'body'],
    storeFields: ['id'],
    searchOptions: { boost: { title: 3, labels: 2 }, prefix: true, fuzzy: 0.2, combineWith: 'OR' },
  });

  constructor(readonly articles: readonly StandInArticle[] = LOCAL_KB_ARTICLES) {
    this.index.addAll([...articles]);
  }

  search(query: string, limit: number): StandInArticle[] {
    if (query.trim() === '') return [];
    return this.index
      .search(query)
      .slice(0, limit)
      .flatMap((hit) => this.articles.filter((a) => a.id === hit.id));
  }

  /**
   * A search as JSM answers it (`highlight=false`: plain excerpts): the page's articles, each with
   * its excerpt (the body's start) and `content.iframeSrc`, the local page that shows it.
   */
  answer(query: URLSearchParams, siteUrl: string): { status: number; body: unknown } {
    const limit = Math.min(Math.max(Number(query.get('limit') ?? '10') || 10, 1), 50);
    const found = this.search(query.get('query') ?? '', limit);
    const values = found.map((a) => ({
      title: a.title,
      excerpt: a.body.slice(0, 400),
      source: { type: 'confluence', pageId: a.id, spaceKey: 'KB' },
      content: { iframeSrc: `${siteUrl}${KB_PAGE}/${a.id}` },
    }));
    return { status: 200, body: { size: values.length, start: 0, limit, isLastPage: true, values } };
  }

  article(id: string): StandInArticle | undefined {
    return this.articles.find((a) => a.id === id);
  }
}
