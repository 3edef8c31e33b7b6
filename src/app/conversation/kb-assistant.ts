import { searchQueryOf } from '../../domain/kb-query';
import { MAX_ARTICLES, shownArticle, type KbArticle } from '../../domain/knowledge-base';
import { say } from '../../domain/replies';
import type { Assistant, AssistantAnswer, AssistantQuestion, KnowledgeBase } from '../assistant-port';
import type { Logger } from '../ports';
import { messageOf } from '../../domain/koji-error';

/**
 * Koji's own assistant: answers from the project's knowledge base, without a
 * language model. One search per question at most (none when the message
 * holds no key terms); a failed or slow search is "couldn't find", never an error.
 */
export class KnowledgeBaseAssistant implements Assistant {
  constructor(
    private readonly knowledgeBase: KnowledgeBase,
    private readonly log: Logger,
  ) {}

  async answer(question: AssistantQuestion): Promise<AssistantAnswer> {
    const query = searchQueryOf(question.text);
    const articles = query === '' ? [] : (await this.search(question.projectId, query)).slice(0, MAX_ARTICLES).map(shownArticle).filter((a) => a.title !== '');
    const { toUser } = say(question.language);
    if (articles.length === 0) return { text: toUser.noArticleFound(question.handoffPhrase), searched: 'no-match' };
    return { text: toUser.articlesFound(articles.length), articles, offerSolved: true, searched: 'answered' };
  }

  private async search(projectId: string, query: string): Promise<readonly KbArticle[]> {
    try {
      return await this.knowledgeBase.search({ projectId, query });
    } catch (error) {
      this.log.warn('kb_search_failed', { projectId, reason: messageOf(error) });
      return [];
    }
  }
}
