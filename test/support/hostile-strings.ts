/**
 * The one corpus of hostile text, pushed through every surface: Jira ADF
 * (test/adapters/jira-text-is-inert.test.ts), Slack text and Block Kit, Teams
 * text and Adaptive Cards (test/adapters/chat/hostile-text-rendering.test.ts),
 * across channels (test/e2e/text-across-channels.test.ts), and as saved replies' names and texts on the chat cards
 * (test/adapters/chat/saved-replies-hostile-text.test.ts) and in the backoffice (test/ui/backoffice.browser.test.ts).
 *
 * Text a chat user (or a hostile workspace) can type, that a renderer downstream might turn into something other
 * than the characters typed: links, mentions, images, macros, markup, invisible or reordering characters, broken
 * UTF-16, and sheer length. A spec pushes each through a path and asserts it comes out as the same characters, inert.
 */
export const HOSTILE_STRINGS: readonly { readonly name: string; readonly text: string }[] = [
  { name: 'markdown link', text: '[Reset your password](https://evil.example)' },
  { name: 'mrkdwn link', text: '<https://evil.example|Reset>' },
  { name: 'Slack channel broadcast', text: '<!channel>' },
  { name: 'here mention', text: '@here' },
  { name: 'Slack user mention', text: '<@U0123ABC>' },
  { name: 'Jira account mention', text: '[~accountid:5b10ac8d82e05b22cc7d4ef5]' },
  { name: 'wiki code macro', text: '{code}x{code}' },
  { name: 'wiki color macro', text: '{color:red}x{color}' },
  { name: 'wiki image', text: '!image.png!' },
  { name: 'inline formatting', text: '*bold* _it_ ~st~ `code`' },
  { name: 'HTML and entities', text: '<b>html</b>&amp;&lt;' },
  { name: 'script tag', text: '<script>alert(1)</script>' },
  { name: 'zero-width space and joiner', text: 'a\u200Bb\u200D' },
  { name: 'bidi override', text: '\u202Egnp.exe' },
  { name: 'lone surrogate', text: '\uD83D' },
  { name: 'emoji ZWJ sequence', text: '\u{1F469}\u200D\u{1F4BB}' },
  { name: '40,000 characters', text: 'x'.repeat(40_000) },
  { name: 'wiki table', text: '||table||' },
  { name: 'wiki heading', text: 'h1. heading' },
  { name: 'wiki rule', text: '----' },
  { name: 'wiki link', text: '[link|http://x]' },
  { name: 'mrkdwn link with a long label', text: '<https://evil.example|Reset your password>' },
  { name: 'bare mrkdwn link', text: '<https://evil.example>' },
  { name: 'HTML bold in a sentence', text: 'Hi <b>how</b> can I help?' },
  { name: 'HTML link and image', text: '<a href="https://evil.example">click</a> <img src=x onerror=alert(1)>' },
  { name: 'HTML entities', text: '&lt;b&gt;not bold&lt;/b&gt; &amp; &nbsp; &#42;' },
  { name: 'Slack broadcasts', text: '<!channel> <!here> <!everyone>' },
  { name: 'plain broadcasts', text: '@here @channel' },
  { name: 'Slack mentions and channel link', text: '<@U123ABC> and <@U123ABC|mallory> and <#C0123|general>' },
  { name: 'Teams mentions', text: '<at>Koji</at> <at>Tom</at>' },
  { name: 'code spans and blocks', text: '`code` and ```block```' },
  { name: 'markdown structure', text: '**strong** __under__ # heading\n> quote\n- item\n1. one' },
  { name: 'underscores and escapes', text: 'snake_case_name and a\\*literal\\*' },
  { name: 'invisible and bidi characters', text: 'zero\u200bwidth\u200c joiner\u200d and \u2066bidi\u2069 \u202Eevil\u202C' },
  { name: 'lone surrogate in a sentence', text: 'lone surrogate \uD800 here' },
  { name: 'family emoji', text: 'family 👨‍👩‍👧‍👦 emoji' },
  { name: '40,000 characters ending in markup', text: 'x'.repeat(40_000 - 10) + ' *the end*' },
];

/** The corpus as bare strings, for specs that label them themselves. */
export const HOSTILE_TEXTS: readonly string[] = HOSTILE_STRINGS.map((s) => s.text);
