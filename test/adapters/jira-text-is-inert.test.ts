import { JsmTicketService } from '../../src/adapters/forge/jsm-ticket-service';
import type { TicketRequest } from '../../src/app/ports';
import type { TranscriptLine } from '../../src/domain/transcript';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import { adfNodes, asAdfDoc, type AdfNodeLike } from '../support/adf';
import { HOSTILE_STRINGS } from '../support/hostile-strings';

/**
 * Whatever a chat user types reaches Jira as characters, never as markup: no link, mention, image, macro or
 * table of theirs shows on a request that customers and agents read, in its description or its comments.
 */
const AT = Date.UTC(2026, 10, 25, 9, 30);
const CONVERSATION = 'slack/T0SANDBOX/UBOB/Ev1';
const FILE_URL = 'https://files.example/a.png';

const HOSTILE_LINES: TranscriptLine[] = HOSTILE_STRINGS.map(({ text }, i) => ({
  id: `Ev${String(i).padStart(3, '0')}`,
  at: AT + i * 1000,
  role: i % 2 === 0 ? 'user' : 'operator',
  speakerName: i % 2 === 0 ? 'Bob User' : 'Alice',
  text,
}));

/** A hostile display name and file names: the only link is the app's, to a file it was given over https. */
const FILE_LINE: TranscriptLine = {
  id: 'Ev999',
  at: AT + 999_000,
  role: 'user',
  speakerName: '[~accountid:5b10ac8d82e05b22cc7d4ef5]',
  text: 'see the files',
  attachments: [
    { name: '!image.png!', url: FILE_URL },
    { name: '[evil|https://evil.example]', url: 'javascript:alert(1)' },
  ],
};

const LINES = [...HOSTILE_LINES, FILE_LINE];

function request(): TicketRequest {
  return {
    conversationId: CONVERSATION,
    projectId: '10000',
    summary: 'Hostile text',
    requester: { participant: { channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UBOB' }, name: 'Bob User', email: 'bob@sandbox.test' },
    operatorName: 'Alice',
    lines: LINES,
  };
}

/** Only what plain paragraphs of text need; anything else (mention, media, inlineCard, codeBlock, table…) is injected. */
const PLAIN_NODES = new Set(['doc', 'paragraph', 'heading', 'text']);

/** The text node carrying what the user typed: as typed, or its head when cut to the ticket's per-message cap. */
function typedNode(doc: AdfNodeLike, typed: string): AdfNodeLike | undefined {
  const head = typed.length > 10_000 ? typed.slice(0, 9_999) : undefined;
  return adfNodes(doc).find((n) => n.type === 'text' && (head ? n.text?.startsWith(head) === true : n.text === typed));
}

function expectOnlyPlainText(doc: AdfNodeLike): void {
  const nodes = adfNodes(doc);
  expect(nodes.map((n) => n.type).filter((type) => !PLAIN_NODES.has(type))).toEqual([]);
  const links = nodes.flatMap((n) => (n.marks ?? []).filter((m) => m.type === 'link').map((m) => m.attrs?.['href']));
  expect(links).toEqual([FILE_URL]);
  const marks = new Set(nodes.flatMap((n) => (n.marks ?? []).map((m) => m.type)));
  expect([...marks].filter((type) => !['strong', 'em', 'link'].includes(type))).toEqual([]);
}

describe('what a chat user typed, on a Jira Service Management request', () => {
  let platform: LocalPlatform;
  let description: AdfNodeLike;
  let commentBodies: unknown[];
  let noteBodies: unknown[];
  // Read in each spec, so a comment that is not a document fails the comment specs alone.
  const comments = (): AdfNodeLike[] => commentBodies.map(asAdfDoc);

  beforeAll(async () => {
    platform = await startLocalPlatform({ port: 0, dataDir: ':memory:' });
    const tickets = new JsmTicketService();
    const { key } = await tickets.createTicket(request());
    await tickets.addComment(key, CONVERSATION, LINES.map((line) => ({ ...line, id: `${line.id}-later`, at: line.at + 3_600_000 })));
    // The same words as an operator's notes: internal comments go through the same documents.
    await tickets.addComment(key, CONVERSATION, HOSTILE_LINES.map((line) => ({ ...line, id: `${line.id}-note`, at: line.at + 7_200_000, role: 'operator', internal: true })));
    description = asAdfDoc(platform.jsm!.requests()[0]?.fields['description']);
    commentBodies = platform.jsm!.commentsOf(key).filter((c) => c.public).map((c) => c.body);
    noteBodies = platform.jsm!.commentsOf(key).filter((c) => !c.public).map((c) => c.body);
  });
  afterAll(() => platform.close());

  it.each(HOSTILE_STRINGS)('should keep $name in the description as the characters typed, with no marks', ({ text }) => {
    const node = typedNode(description, text);

    expect(node).toBeDefined();
    expect(node?.marks).toBeUndefined();
  });

  it.each(HOSTILE_STRINGS)('should keep $name in an internal note as the characters typed, with no marks', ({ text }) => {
    const node = noteBodies.map(asAdfDoc).map((doc) => typedNode(doc, text)).find((n) => n !== undefined);

    expect(node).toBeDefined();
    expect(node?.marks).toBeUndefined();
  });

  it.each(HOSTILE_STRINGS)('should keep $name in a comment as the characters typed, with no marks', ({ text }) => {
    const node = comments().map((doc) => typedNode(doc, text)).find((n) => n !== undefined);

    expect(node).toBeDefined();
    expect(node?.marks).toBeUndefined();
  });

  it('should show no link, mention, image, macro or table in the description, only the link to a file the app attached', () => {
    expectOnlyPlainText(description);
  });

  it('should show no link, mention, image, macro or table in the comments, only the link to a file the app attached', () => {
    expect(comments().length).toBeGreaterThan(0);
    for (const doc of comments()) expectOnlyPlainText(doc);
  });

  it('should show a hostile display name and file names as text too', () => {
    for (const doc of [description, ...comments()]) {
      const texts = adfNodes(doc).map((n) => n.text);
      expect(texts).toContain('[~accountid:5b10ac8d82e05b22cc7d4ef5]: ');
      expect(texts).toContain('!image.png!');
      expect(texts).toContain('[evil|https://evil.example]');
    }
  });
});
