import { english } from '../../src/domain/replies';
import { clipKeepingEnd, clipText, escapedSize, hasLoneSurrogate, isolatedName, splitText } from '../../src/domain/text';
import { oneLineSummary } from '../../src/domain/transcript';

const { relayFailures } = english;

const family = '👨‍👩‍👧‍👦';
const flag = '🇫🇷';
const accented = 'e\u0301';

describe('cutting text', () => {
  it('should leave text that fits as it is', () => {
    expect(clipText('short', 10)).toBe('short');
    expect(splitText('short', 10)).toEqual(['short']);
  });

  it.each([
    ['an emoji', '😀'.repeat(50)],
    ['an emoji sequence', family.repeat(10)],
    ['a flag', flag.repeat(30)],
    ['a letter with its accent', accented.repeat(60)],
  ])('should never clip inside %s', (_what, text) => {
    for (let max = 2; max < 60; max += 1) {
      const clipped = clipText(text, max);
      expect(clipped.length).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(clipped)).toBe(false);
      expect(text.startsWith(clipped.slice(0, -1))).toBe(true);
    }
  });

  it.each([
    ['emoji', '😀'.repeat(3000)],
    ['emoji sequences', `${family} `.repeat(400)],
    ['prose', 'The printer on floor 3 jams every morning. '.repeat(300)],
    ['one long word', 'x'.repeat(9999)],
  ])('should split %s into parts that fit, in order, losing nothing and breaking nothing', (_what, text) => {
    const parts = splitText(text, 1000);

    expect(parts.join('')).toBe(text);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(1000);
      expect(hasLoneSurrogate(part)).toBe(false);
    }
  });

  it('should prefer to split prose at a space', () => {
    const parts = splitText('word '.repeat(500), 1002);

    expect(parts[0]?.endsWith(' ')).toBe(true);
  });

  it('should tell a lone surrogate from a pair', () => {
    expect(hasLoneSurrogate('😀')).toBe(false);
    expect(hasLoneSurrogate('\uD83D')).toBe(true);
    expect(hasLoneSurrogate('a\uDE00b')).toBe(true);
  });

  it('should quote a message back to its sender without breaking an emoji at the cut', () => {
    const text = relayFailures.notDelivered('Alice', [`${'x'.repeat(78)}😀😀 and more`]);

    expect(hasLoneSurrogate(text)).toBe(false);
    expect(text).toContain(`${'x'.repeat(78)}…”`);
  });

  it('should summarise a message for a ticket without breaking an emoji sequence', () => {
    const input = `${'y'.repeat(240)}${family.repeat(5)}`;
    const summary = oneLineSummary(input);

    expect(hasLoneSurrogate(summary)).toBe(false);
    const kept = summary.slice(0, -1);
    expect(input.startsWith(kept)).toBe(true);
    expect((kept.length - 240) % family.length).toBe(0);
  });

  it.each([
    ['emoji', '😀'.repeat(3000)],
    ['emoji sequences', family.repeat(400)],
  ])('should keep the end of %s without breaking a character, within the limit', (_what, text) => {
    for (const max of [2, 3, 100, 2999, 4000]) {
      const kept = clipKeepingEnd(text, max);
      expect(kept.length).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(kept)).toBe(false);
      expect(text.endsWith(kept.slice(1))).toBe(true);
    }
  });
});

describe('isolatedName', () => {
  it.each([['Hebrew', 'שרה'], ['Arabic punctuation', 'Ana؟'], ['Old Hungarian', '𐲀𐲁𐲂'], ['Adlam', '𞤀𞤁'], ['a right-to-left mark', 'Ana\u200F']])(
    'should isolate a name with %s, which could reorder the sentence around it',
    (_what, name) => {
      expect(isolatedName(name)).toBe(`\u2068${name}\u2069`);
    },
  );

  it.each([['Ana Lima'], ['José Müller'], ['李小龙']])('should leave %s as it is', (name) => {
    expect(isolatedName(name)).toBe(name);
  });
});

describe('splitText with an escaped-size limit', () => {
  it('should cut text that escapes large into parts within the limit, nothing lost', () => {
    const text = `${'"'.repeat(3000)} ${'*'.repeat(990)}`;
    const parts = splitText(text, 4000, 16_000);
    expect(parts.join('')).toBe(text);
    expect(parts.every((p) => escapedSize(p) <= 16_000 && p.length <= 4000)).toBe(true);
    expect(parts.length).toBe(2);
  });

  it('should leave ordinary text of 4,000 characters in one part', () => {
    expect(splitText('word '.repeat(800), 4000, 16_000)).toHaveLength(1);
  });
});
