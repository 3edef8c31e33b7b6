import { compareLines, cursorOf, isAfter, summaryFromLines, type TranscriptLine } from '../../src/domain/transcript';
import { T0 } from '../builders/operator';

function aLine(overrides: Partial<TranscriptLine> = {}): TranscriptLine {
  return { id: 'Ev0001', at: T0, role: 'user', speakerName: 'Uma User', text: 'hello', ...overrides };
}

describe('compareLines', () => {
  it('should order lines by time, then by id for lines of the same moment', () => {
    // Arrange
    const lines = [
      aLine({ id: 'Ev0003', at: T0 + 2_000 }),
      aLine({ id: 'Ev0002', at: T0 }),
      aLine({ id: 'Ev0009', at: T0 + 1_000 }),
      aLine({ id: 'Ev0001', at: T0 }),
    ];

    // Act
    const sorted = [...lines].sort(compareLines);

    // Assert
    expect(sorted.map((l) => l.id)).toEqual(['Ev0001', 'Ev0002', 'Ev0009', 'Ev0003']);
  });

  it.each([
    ['earlier', aLine({ at: T0 }), aLine({ at: T0 + 1 }), -1],
    ['later', aLine({ at: T0 + 1 }), aLine({ at: T0 }), 1],
    ['same moment, smaller id', aLine({ id: 'A' }), aLine({ id: 'B' }), -1],
    ['same moment, larger id', aLine({ id: 'B' }), aLine({ id: 'A' }), 1],
    ['the same line', aLine(), aLine(), 0],
  ])('should compare %s with the sign %d', (_what, a, b, sign) => {
    // Act
    const result = compareLines(a, b);

    // Assert
    expect(Math.sign(result)).toBe(sign);
  });
});

describe('isAfter', () => {
  const cursor = { at: T0, id: 'Ev0005' };

  it.each([
    ['a later line', aLine({ at: T0 + 1, id: 'Ev0001' }), true],
    ['an earlier line', aLine({ at: T0 - 1, id: 'Ev0009' }), false],
    ['a line of the same moment with a larger id', aLine({ at: T0, id: 'Ev0006' }), true],
    ['a line of the same moment with a smaller id', aLine({ at: T0, id: 'Ev0004' }), false],
    ['the line the cursor points at', aLine({ at: T0, id: 'Ev0005' }), false],
  ])('should say whether %s comes after the cursor: %s', (_what, line, expected) => {
    // Act
    const after = isAfter(line, cursor);

    // Assert
    expect(after).toBe(expected);
  });

  it('should count every line as new when there is no cursor', () => {
    // Act
    const after = isAfter(aLine({ at: 0, id: '' }), undefined);

    // Assert
    expect(after).toBe(true);
  });

  it('should agree with compareLines about the lines after a cursor taken from a line', () => {
    // Arrange
    const lines = [
      aLine({ id: 'Ev0001', at: T0 }),
      aLine({ id: 'Ev0002', at: T0 }),
      aLine({ id: 'Ev0003', at: T0 + 1 }),
      aLine({ id: 'Ev0004', at: T0 + 1 }),
    ];
    const covered = cursorOf(lines[1]!);

    // Act
    const fresh = lines.filter((l) => isAfter(l, covered));

    // Assert
    expect(fresh.map((l) => l.id)).toEqual(['Ev0003', 'Ev0004']);
  });
});

describe('summaryFromLines', () => {
  const fallback = 'Conversation with Uma User';

  it('should use the first non-empty line the user wrote', () => {
    // Arrange
    const lines = [
      aLine({ id: 'Ev0001', role: 'system', text: 'Uma User asked for an operator.' }),
      aLine({ id: 'Ev0002', role: 'user', text: '   ' }),
      aLine({ id: 'Ev0003', role: 'operator', text: 'Hi, how can I help?' }),
      aLine({ id: 'Ev0004', role: 'user', text: 'My printer is jammed' }),
      aLine({ id: 'Ev0005', role: 'user', text: 'It is on floor 3' }),
    ];

    // Act
    const summary = summaryFromLines(lines, fallback);

    // Assert
    expect(summary).toBe('My printer is jammed');
  });

  it('should pass over what only asks for a human, and fall back when nothing else was said', () => {
    // Arrange
    const onlyAsking = (text: string) => text.trim().toLowerCase() === 'operator';
    const lines = [aLine({ id: 'Ev0001', text: 'Operator' }), aLine({ id: 'Ev0002', text: 'My VPN drops every hour' })];

    // Act
    const summary = summaryFromLines(lines, fallback, onlyAsking);
    const nothingSaid = summaryFromLines([aLine({ text: 'operator' })], fallback, onlyAsking);

    // Assert
    expect(summary).toBe('My VPN drops every hour');
    expect(nothingSaid).toBe(fallback);
  });

  it('should collapse runs of whitespace and line breaks into single spaces', () => {
    // Arrange
    const lines = [aLine({ text: '  My printer\n\n is   jammed\t again ' })];

    // Act
    const summary = summaryFromLines(lines, fallback);

    // Assert
    expect(summary).toBe('My printer is jammed again');
  });

  it('should keep a text of exactly 120 characters whole', () => {
    // Arrange
    const text = 'x'.repeat(120);

    // Act
    const summary = summaryFromLines([aLine({ text })], fallback);

    // Assert
    expect(summary).toBe(text);
  });

  it('should shorten a longer text to at most 120 characters ending in an ellipsis', () => {
    // Arrange: with this rhythm the 117th character is a space, which must not end up before the ellipsis.
    const text = 'ab '.repeat(60);

    // Act
    const summary = summaryFromLines([aLine({ text })], fallback);

    // Assert
    expect(summary.length).toBeLessThanOrEqual(120);
    expect(summary).toMatch(/…$/);
    expect(summary).not.toMatch(/\s…$/);
    expect(text.startsWith(summary.slice(0, -1))).toBe(true);
    expect(summary.length).toBeGreaterThan(100);
  });

  it('should not cut an emoji in half when shortening', () => {
    // Arrange: the emoji (two UTF-16 units) straddles the cut.
    const text = `${'a'.repeat(116)}😀${'b'.repeat(10)}`;

    // Act
    const summary = summaryFromLines([aLine({ text })], fallback);

    // Assert: a lone surrogate (\p{Cs}) shows up as "�" in the ticket summary.
    expect(summary).not.toMatch(/\p{Cs}/u);
    expect(summary.endsWith('…')).toBe(true);
  });

  it.each([
    ['there are no lines', []],
    ['only the operator and the system spoke', [aLine({ role: 'operator', text: 'Hello?' }), aLine({ role: 'system', text: 'Joined' })]],
    ['the user sent only blank messages', [aLine({ text: '' }), aLine({ text: ' \n ' })]],
  ])('should use the fallback when %s', (_what, lines: TranscriptLine[]) => {
    // Act
    const summary = summaryFromLines(lines, fallback);

    // Assert
    expect(summary).toBe(fallback);
  });

  it('should tidy and shorten the fallback like any other summary', () => {
    // Act
    const summary = summaryFromLines([], `  Conversation   with\n${'y'.repeat(200)}`);

    // Assert
    expect(summary.length).toBeLessThanOrEqual(120);
    expect(summary.startsWith('Conversation with yyy')).toBe(true);
    expect(summary.endsWith('…')).toBe(true);
  });
});
