/**
 * Text people may type (or a hostile peer may send) that a chat surface could
 * read as markup. Every string must reach the other side as typed and inert:
 * no link, no mention, no bold, no HTML.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  '[Reset your password](https://evil.example)',
  '<https://evil.example|Reset your password>',
  '<https://evil.example>',
  'Hi <b>how</b> can I help?',
  '<a href="https://evil.example">click</a> <img src=x onerror=alert(1)>',
  '&lt;b&gt;not bold&lt;/b&gt; &amp; &nbsp; &#42;',
  '<!channel> <!here> <!everyone>',
  '@here @channel',
  '<@U123ABC> and <@U123ABC|mallory> and <#C0123|general>',
  '<at>Koji</at> <at>Tom</at>',
  '*bold* _it_ ~st~',
  '`code` and ```block```',
  '**strong** __under__ # heading\n> quote\n- item\n1. one',
  'snake_case_name and a\\*literal\\*',
  'zero\u200bwidth\u200c joiner\u200d and \u2066bidi\u2069 \u202Eevil\u202C',
  'lone surrogate \uD800 here',
  'family 👨‍👩‍👧‍👦 emoji',
  'x'.repeat(40_000 - 10) + ' *the end*',
];
