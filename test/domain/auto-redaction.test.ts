import { isCardNumber, luhn, redactSecrets } from '../../src/domain/auto-redaction';
import { readTeamsText } from '../../src/adapters/teams/teams-text';

/**
 * The corpus of automatic redaction: what a support chat really carries. Each
 * secret must go (true positives), and each ordinary sentence must stay exactly
 * as typed (the false positives a careless pattern would make).
 */
const words = { cardNumber: 'card number removed', password: 'password removed', credential: 'key removed' };
const redact = (text: string) => redactSecrets(text, words);

describe('automatic redaction of secrets pasted by mistake', () => {
  describe('removes', () => {
    it.each([
      ['my card is 4111 1111 1111 1111 thanks', 'my card is [card number removed] thanks'],
      ['4111-1111-1111-1111', '[card number removed]'],
      ['card:4012888888881881', 'card:[card number removed]'],
      ['Amex 378282246310005 expires 12/27', 'Amex [card number removed] expires 12/27'],
      ['Mastercard 5555 5555 5555 4444.', 'Mastercard [card number removed].'],
      ['new range 2223003122003222', 'new range [card number removed]'],
      ['Discover: 6011111111111117', 'Discover: [card number removed]'],
      ['JCB 3530111333300000', 'JCB [card number removed]'],
      ['ma carte 4000 0566 5566 5556, merci', 'ma carte [card number removed], merci'],
      ['two: 4111111111111111 and 5105105105105100', 'two: [card number removed] and [card number removed]'],
    ])('a card number: %j', (typed, stored) => {
      expect(redact(typed).text).toBe(stored);
    });

    it.each([
      ['password: hunter2', 'password: [password removed]'],
      ['Password:Tr0ub4dor&3 please reset it', 'Password:[password removed] please reset it'],
      ['my pwd = S3cret!', 'my pwd = [password removed]'],
      ['my password is hunter2', 'my password is [password removed]'],
      ['The PIN is 4921', 'The PIN is [password removed]'],
      ['mon mot de passe est Soleil2024!', 'mon mot de passe est [password removed]'],
      ['mot de passe : azerty123', 'mot de passe : [password removed]'],
      ['Mein Passwort ist Sommer-2024', 'Mein Passwort ist [password removed]'],
      ['Kennwort: geheim99', 'Kennwort: [password removed]'],
      ['passcode=778899 for the door', 'passcode=[password removed] for the door'],
      ['my password is: hunter2', 'my password is: [password removed]'],
      ['the password is = hunter2', 'the password is = [password removed]'],
      ['le mot de passe est : Soleil2024', 'le mot de passe est : [password removed]'],
      ['das Passwort ist:Sommer-2024', 'das Passwort ist:[password removed]'],
      ['password: [abc123', 'password: [password removed]'],
      ['password: 4111 1111 1111 1111', 'password: [card number removed]'],
    ])('a password: %j', (typed, stored) => {
      expect(redact(typed).text).toBe(stored);
    });

    it.each([
      ['token xoxb-1234567890-abcdefghijkl', 'token [key removed]'],
      ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', '[key removed]'],
      ['AWS key AKIAIOSFODNN7EXAMPLE ok?', 'AWS key [key removed] ok?'],
      ['-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\nthat one', '[key removed]\nthat one'],
    ])('a credential: %j', (typed, stored) => {
      expect(redact(typed).text).toBe(stored);
    });

    it('counts what it removed', () => {
      expect(redact('password: a1 and card 4111111111111111').count).toBe(2);
    });
  });

  describe('leaves alone', () => {
    it.each([
      'I forgot my password',
      'my password is wrong',
      'my password is expired, can you reset it?',
      "the password isn't working",
      'password reset is not working',
      'Passwords must be 12 characters',
      'le mot de passe est incorrect',
      'mon mot de passe est bloqué',
      'das Passwort ist falsch',
      'Mein Passwort ist abgelaufen',
      'my password is: wrong',
      'le mot de passe est : incorrect',
      'das Passwort ist: falsch',
      'the password island',
      'password: [password removed], my password is [password removed]',
      'my password isn’t working',
      'order 1234567812345678 has not arrived',
      'ticket 4111111111111112 please',
      'call me at +33 6 12 34 56 78',
      'phone 0044 20 7946 0958 any time',
      'serial 0000000000000000',
      'invoice INV-4111111111111111',
      'id 41111111111111110000000 is too long to be a card',
      'build 2024-05-17-1234567890123',
      'version 1.2.3, PIN code expired',
      'See https://example.com/4111111111111111x',
      'a pinned message',
      'xoxb- is the prefix of bot tokens',
      'AKIA on its own',
      '',
    ])('%j', (typed) => {
      const result = redact(typed);
      expect(result.text).toBe(typed);
      expect(result.count).toBe(0);
    });
  });

  it('knows the Luhn check and the card networks', () => {
    expect(luhn('79927398713')).toBe(true);
    expect(luhn('79927398710')).toBe(false);
    expect(isCardNumber('4111 1111 1111 1111')).toBe(true);
    // Passes Luhn but no card network starts with 1.
    expect(isCardNumber('1234567812345670')).toBe(false);
  });

  it('should catch a card number Teams sends with non-breaking spaces between its groups', () => {
    const read = readTeamsText('<p>card 4111&nbsp;1111&nbsp;1111&nbsp;1111</p>', { plain: false, mentions: [] });
    expect(redact(read.text).text).toBe('card [card number removed]');
  });

  it('takes hostile text as text', () => {
    const typed = '<script>alert(1)</script> password: $(rm -rf /) `x` *bold* <@U123>';
    expect(redact(typed).text).toBe('<script>alert(1)</script> password: [password removed] -rf /) `x` *bold* <@U123>');
  });
});
