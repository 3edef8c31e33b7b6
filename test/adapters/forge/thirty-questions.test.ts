import { StandInKnowledgeBase } from '../../../packages/forge-local/src/jira/kb-search';
import { searchQueryOf } from '../../../src/domain/kb-query';
import { MAX_ARTICLES } from '../../../src/domain/knowledge-base';
import { THIRTY_QUESTIONS } from '../../support/thirty-questions';

/**
 * Thirty questions as users type them, through the product's query building (searchQueryOf) against the local
 * stand-in's knowledge base: how many get a relevant article in the top 3. On a real site the ranking is JSM's own.
 */
describe('thirty realistic questions against the stand-in knowledge base', () => {
  it('should find a relevant article in the top 3 for at least 25 of 30', () => {
    const kb = new StandInKnowledgeBase();
    const misses: string[] = [];
    for (const { question, relevant } of THIRTY_QUESTIONS) {
      const top = kb.search(searchQueryOf(question), MAX_ARTICLES).map((a) => a.id);
      if (!top.some((id) => relevant.includes(id))) misses.push(`${question} → [${searchQueryOf(question)}] ${top.join(',')}`);
    }
    const found = THIRTY_QUESTIONS.length - misses.length;
    console.warn(`Knowledge-base answers: ${found}/${THIRTY_QUESTIONS.length} questions got a relevant article in the top ${MAX_ARTICLES}.${misses.length ? `\nMissed:\n${misses.join('\n')}` : ''}`);
    expect(THIRTY_QUESTIONS).toHaveLength(30);
    expect(found).toBeGreaterThanOrEqual(25);
  });
});
