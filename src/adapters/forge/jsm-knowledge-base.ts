import api, { route } from '@forge/api';
import type { KnowledgeBase } from '../../app/assistant-port';
import { MAX_ARTICLES, type KbArticle } from '../../domain/knowledge-base';
import { withTimeout } from '../system/with-timeout';

/** The search must leave the Slack web trigger room to answer within 3 s; slower is "couldn't find". */
export const KB_TIMEOUT_MS = 2_000;

/**
 * The JSM knowledge base, searched as the app (`GET /rest/servicedeskapi/knowledgebase/article`,
 * an experimental JSM API): one call per question. The site-wide search rather than the service
 * desk's own, which would first need the project's service desk id (another call).
 */
export class JsmKnowledgeBase implements KnowledgeBase {
  constructor(private readonly timeoutMs = KB_TIMEOUT_MS) {}

  async search(question: { readonly query: string }): Promise<KbArticle[]> {
    const call = api.asApp().requestJira(route`/rest/servicedeskapi/knowledgebase/article?query=${question.query}&highlight=false&limit=${MAX_ARTICLES}`, {
      headers: { Accept: 'application/json', 'X-ExperimentalApi': 'opt-in' },
    });
    const response = await withTimeout(call, this.timeoutMs, () => new Error(`The knowledge base did not answer within ${this.timeoutMs} ms.`));
    if (!response.ok) throw new Error(`The knowledge base search answered ${response.status}.`);
    return articlesOf(await response.json());
  }
}

/** The articles of a search answer, checked field by field: anything not a string is left out. */
export function articlesOf(body: unknown): KbArticle[] {
  const values = isRecord(body) && Array.isArray(body['values']) ? (body['values'] as unknown[]) : [];
  return values.flatMap((value) => {
    if (!isRecord(value) || typeof value['title'] !== 'string') return [];
    const content = isRecord(value['content']) ? value['content'] : {};
    return [
      {
        title: value['title'],
        excerpt: typeof value['excerpt'] === 'string' ? value['excerpt'] : '',
        url: typeof content['iframeSrc'] === 'string' ? content['iframeSrc'] : '',
      },
    ];
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
