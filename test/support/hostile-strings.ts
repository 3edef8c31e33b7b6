/**
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
];
