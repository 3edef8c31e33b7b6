import { searchQueryOf } from '../../src/domain/kb-query';
import { clipWords } from '../../src/domain/knowledge-base';

describe('a chat message as a knowledge-base search', () => {
  it.each([
    ['vpn wont connect', 'vpn connect'],
    ['Hi there! I forgot my password, can you please help?', 'forgot password'],
    ['Hello, my laptop won’t turn on :(', 'laptop turn'],
    ['How do I set up 2FA on my new phone?', 'set 2fa new phone'],
    ['printer printer PRINTER jammed', 'printer jammed'],
    ['Good morning team, thanks', ''],
    ['?!', ''],
  ])('should search %j as %j', (message, query) => {
    expect(searchQueryOf(message)).toBe(query);
  });

  it('should keep at most 8 key terms', () => {
    expect(searchQueryOf('one two three four five six seven eight nine ten').split(' ')).toHaveLength(8);
  });
});

describe('an excerpt clipped at a whole word', () => {
  it('should keep short text whole, with its white space collapsed', () => {
    expect(clipWords('Restart  the\nVPN.', 300)).toBe('Restart the VPN.');
  });

  it('should end a long text at a word, within the limit', () => {
    const clipped = clipWords('word '.repeat(100), 300);
    expect(clipped.length).toBeLessThanOrEqual(300);
    expect(clipped).toMatch(/ word…$/);
  });
});

describe('questions in French and German', () => {
  it.each([
    ['Bonjour, mon VPN ne se connecte plus, pouvez-vous m’aider ?', 'vpn connecte'],
    ['Hallo, ich kann mich nicht mit dem WLAN verbinden, bitte helfen', 'wlan verbinden'],
  ])('should keep the key terms of “%s”', (message, query) => {
    expect(searchQueryOf(message)).toBe(query);
  });
});
