import { savedWords } from '../../static/backoffice/src/saved-words';

/** The flag after Save says what the save changed, not the same sentence whatever it was. */
describe('the words of a saved settings flag', () => {
  it('should say the support switch moved, then name what else changed', () => {
    expect(savedWords(false, true, ['Offer window', 'Ratings'])).toBe('Live agent support is now on. Changed: Offer window, Ratings.');
  });

  it('should name only what changed when the switch stayed', () => {
    expect(savedWords(true, true, ['Keep conversations'])).toBe('Changed: Keep conversations.');
  });

  it('should say where support stands when nothing else is said', () => {
    expect(savedWords(true, true, [])).toBe('Live agent support is on.');
  });
});
