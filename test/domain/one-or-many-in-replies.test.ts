import { say } from '../../src/domain/replies';

/** Sentences that count people or offers read right for one as for several, in every language. */
describe('replies that count', () => {
  it.each([
    ['en', 'You let an offer go unanswered,', 'You let 3 offers in a row go unanswered,'],
    ['fr', 'Vous avez laissé une proposition sans réponse,', 'Vous avez laissé 3 propositions d’affilée sans réponse,'],
    ['de', 'Sie haben 1 Anfrage unbeantwortet gelassen,', 'Sie haben 3 Anfragen nacheinander unbeantwortet gelassen,'],
  ] as const)('should tell an operator put away for missed offers how many, one or several (%s)', (lang, one, several) => {
    const { toOperator } = say(lang);

    expect(toOperator.missedOffersAway(1).startsWith(one)).toBe(true);
    expect(toOperator.missedOffersAway(3).startsWith(several)).toBe(true);
  });
});
