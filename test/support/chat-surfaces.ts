/**
 * What a person would see of a message the app sends, read the way each
 * surface reads it, so specs can assert "shown as typed" and "inert".
 */

export interface SlackInline {
  readonly type: string;
  readonly text?: string;
  readonly url?: string;
  readonly style?: Record<string, boolean>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every inline element of a Slack message's rich_text blocks, in order, with a
 * line break between sections. Fails on any block that Slack would read as
 * mrkdwn with free text in it: the app shows words only as rich_text.
 */
export function slackInlines(blocks: readonly Record<string, unknown>[] | undefined): SlackInline[] {
  const out: SlackInline[] = [];
  for (const block of blocks ?? []) {
    if (block['type'] === 'actions') continue;
    if (block['type'] !== 'rich_text') throw new Error(`a ${String(block['type'])} block shows text as mrkdwn`);
    for (const element of block['elements'] as Record<string, unknown>[]) {
      for (const inline of element['elements'] as Record<string, unknown>[]) out.push(inline as unknown as SlackInline);
    }
  }
  return out;
}

/**
 * A Slack message's top-level text (the notification, and what Slack shows
 * without blocks): nothing in angle brackets (no link, mention or `<!here>`),
 * Slack's three entities decoded.
 */
export function slackFallbackShown(text: string): string {
  if (/[<>]/.test(text)) throw new Error(`Slack would read markup in ${text.slice(0, 80)}`);
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * A Teams message's `xml` text as shown: which runs are bold, which are links,
 * and the text with entities decoded. Any tag other than b, br, code and a, or
 * a raw character Teams' Markdown honours, fails: it could render as markup.
 */
export function teamsTextShown(text: string): { bold: string[]; links: { text: string; href: string }[]; shown: string; code?: string[] } {
  const bold: string[] = [];
  const code: string[] = [];
  const links: { text: string; href: string }[] = [];
  const decode = (s: string) => {
    if (/[<>*_`[\]~\\]/.test(s)) throw new Error(`Teams could read markup in ${s.slice(0, 80)}`);
    return s.replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  };
  let shown = '';
  const tags = /<b>([^<]*)<\/b>|<code>([^<]*)<\/code>|<a href="([^"]*)">([^<]*)<\/a>|<br>|<[^>]*>/g;
  let at = 0;
  for (const m of text.matchAll(tags)) {
    shown += decode(text.slice(at, m.index));
    if (m[1] !== undefined) {
      bold.push(decode(m[1]));
      shown += decode(m[1]);
    } else if (m[2] !== undefined) {
      code.push(decode(m[2]));
      shown += decode(m[2]);
    } else if (m[3] !== undefined) {
      links.push({ href: decode(m[3]), text: decode(m[4] ?? '') });
      shown += decode(m[4] ?? '');
    } else if (m[0] === '<br>') shown += '\n';
    else throw new Error(`Teams would render the tag ${m[0]}`);
    at = (m.index ?? 0) + m[0].length;
  }
  shown += decode(text.slice(at));
  return code.length > 0 ? { bold, links, shown, code } : { bold, links, shown };
}

export interface TeamsRun {
  readonly type: string;
  readonly text: string;
  readonly weight?: string;
  readonly fontType?: string;
  readonly isSubtle?: boolean;
  readonly italic?: boolean;
  readonly selectAction?: unknown;
}

/**
 * Every TextRun of an activity's Adaptive Cards, in order. Fails on a
 * TextBlock: Teams reads its text as Markdown. A text of several lines is one
 * RichTextBlock per line (teams-cards.ts): a block set right under the one
 * before (spacing None) starts with a line break, one after a gap (Default)
 * with a blank line, so the runs read as the text that was sent.
 */
export function teamsCardRuns(activity: Record<string, unknown>): TeamsRun[] {
  const runs: TeamsRun[] = [];
  const walk = (element: unknown): void => {
    if (!isRecord(element)) return;
    if (element['type'] === 'TextBlock') throw new Error(`a TextBlock shows ${String(element['text']).slice(0, 80)} as Markdown`);
    if (element['type'] === 'RichTextBlock') {
      const lineBreak = element['spacing'] === 'None' ? '\n' : element['spacing'] === 'Default' ? '\n\n' : '';
      if (lineBreak) runs.push({ type: 'TextRun', text: lineBreak });
      for (const inline of element['inlines'] as unknown[]) {
        if (!isRecord(inline) || inline['type'] !== 'TextRun') throw new Error('only TextRuns are inert');
        runs.push(inline as unknown as TeamsRun);
      }
    }
    for (const items of [element['items'], element['body']]) if (Array.isArray(items)) items.forEach(walk);
  };
  for (const attachment of (activity['attachments'] as unknown[] | undefined) ?? []) if (isRecord(attachment)) walk(attachment['content']);
  return runs;
}
