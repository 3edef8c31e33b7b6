import type { OpenedFile } from '../../../src/app/files/file-transfer';
import type { Participant } from '../../../src/domain/participant';
import { narrowConsentInvoke } from '../../../src/adapters/teams/teams-consent-activity';
import { answerFileConsent, FILE_CONSENT_CARD, FILE_INFO_CARD, type ConsentAnswer, type FileConsents, type PendingConsent } from '../../../src/adapters/teams/teams-file-consent';
import { TeamsFileSide } from '../../../src/adapters/teams/teams-files';

/** Issue 18, behaviour 5: a non-picture file reaches a Teams person through a file consent card. */
const alice: Participant = { channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UALICE' };
const tom: Participant = { channel: 'teams', tenantId: 'tenant-1', userId: '29:tom' };
const PDF = Buffer.from('%PDF-1.4 a manual\n%%EOF');
const ref = { name: 'manual.pdf', url: 'https://koji.slack.com/files/F1', mimeType: 'application/pdf', size: PDF.length, download: 'https://files.slack.com/F1' };
const UPLOAD = {
  uploadUrl: 'https://contoso-my.sharepoint.com/personal/tom/upload?tempauth=x',
  contentUrl: 'https://contoso-my.sharepoint.com/personal/tom/Documents/manual.pdf',
  uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C8C',
  fileType: 'pdf',
  name: 'manual.pdf',
};

function world() {
  const sent: { conversationId: string; activity: Record<string, unknown> }[] = [];
  const fetched: { url: string; init?: RequestInit | undefined }[] = [];
  const told: string[] = [];
  const opened: unknown[] = [];
  const store = new Map<string, PendingConsent>();
  const claimed = new Set<string>();
  const consents: FileConsents = {
    put: async (p) => void store.set(p.id, p),
    get: async (id) => store.get(id),
    claim: async (id) => (claimed.has(id) ? false : (claimed.add(id), true)),
  };
  const connector = { send: async (_s: string, conversationId: string, activity: Record<string, unknown>) => (sent.push({ conversationId, activity }), 'a-1'), token: async () => 't' };
  const reach = { reachWithConnector: async () => ({ reference: { tenantId: tom.tenantId, userId: tom.userId, name: 'Tom Operator', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversationId: 'a:tom', botId: '28:bot' }, connector: connector as never }) };
  const fetch = (async (url: string, init?: RequestInit) => (fetched.push({ url, init }), new Response(null, { status: 201 }))) as unknown as typeof globalThis.fetch;
  const open = async (from: Participant, r: unknown): Promise<OpenedFile> => {
    opened.push([from, r]);
    return { name: 'manual.pdf', mimeType: 'application/pdf', size: PDF.length, body: new Blob([PDF]).stream() };
  };
  const side = new TeamsFileSide(reach, fetch, { store: consents, now: () => 1000 });
  const deps = { consents, files: { open }, reach, fetch, now: () => 2000, tell: async (_p: PendingConsent, text: string) => void told.push(text), log: { info: () => undefined, warn: () => undefined } };
  const offer = async () => {
    const how = await side.send(tom, { name: 'manual.pdf', mimeType: 'application/pdf', size: PDF.length, body: new Blob([PDF]).stream() }, { senderName: 'Alice User', conversationId: 'c-1', source: { from: alice, ref, maxBytes: 1_000_000 } });
    const card = (sent.at(-1)!.activity['attachments'] as Record<string, unknown>[])[0]!;
    return { how, card, id: ((card['content'] as Record<string, unknown>)['acceptContext'] as { id: string }).id };
  };
  return { sent, fetched, told, opened, store, deps, offer };
}

const accept = (id: string, upload = UPLOAD, invoker = tom): ConsentAnswer => ({ id, action: 'accept', invoker, upload });

describe('a file to a Teams person through a file consent card', () => {
  it('should send a consent card for a Slack user’s PDF, with only a random id in its contexts, and read nothing yet', async () => {
    const w = world();
    const { how, card, id } = await w.offer();
    expect(how).toBe('consent');
    expect(card).toEqual({
      contentType: FILE_CONSENT_CARD,
      name: 'manual.pdf',
      content: { description: expect.stringContaining('manual.pdf'), sizeInBytes: PDF.length, acceptContext: { id }, declineContext: { id } },
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(w.store.get(id)).toMatchObject({ from: alice, to: tom, ref, recipientName: 'Tom Operator', conversationId: 'c-1' });
    expect(w.fetched).toEqual([]);
  });

  it('should upload the bytes on accept, then send the file info card; a second accept does nothing', async () => {
    const w = world();
    const { id } = await w.offer();
    expect(await answerFileConsent(w.deps, accept(id))).toBe('uploaded');
    expect(w.opened).toEqual([[alice, ref]]);
    expect(w.fetched).toHaveLength(1);
    expect(w.fetched[0]!.url).toBe(UPLOAD.uploadUrl);
    expect(w.fetched[0]!.init).toMatchObject({ method: 'PUT', headers: { 'Content-Range': `bytes 0-${PDF.length - 1}/${PDF.length}` } });
    expect(Buffer.from(w.fetched[0]!.init!.body as Uint8Array)).toEqual(PDF);
    expect(w.sent.at(-1)!.activity['attachments']).toEqual([
      { contentType: FILE_INFO_CARD, contentUrl: UPLOAD.contentUrl, name: 'manual.pdf', content: { uniqueId: UPLOAD.uniqueId, fileType: 'pdf' } },
    ]);
    const sends = w.sent.length;
    expect(await answerFileConsent(w.deps, accept(id))).toBe('already-answered');
    expect(w.fetched).toHaveLength(1);
    expect(w.sent).toHaveLength(sends);
  });

  it('should tell the sender when the recipient declines, and upload nothing', async () => {
    const w = world();
    const { id } = await w.offer();
    expect(await answerFileConsent(w.deps, { id, action: 'decline', invoker: tom })).toBe('declined');
    expect(w.told).toEqual(['Tom Operator declined your file “manual.pdf”, so it wasn’t sent.']);
    expect(w.fetched).toEqual([]);
    expect(await answerFileConsent(w.deps, accept(id))).toBe('already-answered');
  });

  it('should tell the sender when OneDrive refuses the upload', async () => {
    const w = world();
    const { id } = await w.offer();
    w.deps.fetch = async () => new Response(null, { status: 403 });
    expect(await answerFileConsent(w.deps, accept(id))).toBe('failed');
    expect(w.told[0]).toContain('Microsoft OneDrive refused the upload (403)');
  });

  it.each([
    ['a forged id', (id: string) => accept(id.replace(/^.{8}/, '00000000'))],
    ['another invoker', (id: string) => accept(id, UPLOAD, { ...tom, userId: '29:mallory' })],
    ['an upload URL on another host', (id: string) => accept(id, { ...UPLOAD, uploadUrl: 'https://evil.example/upload' })],
    ['an upload URL over http', (id: string) => accept(id, { ...UPLOAD, uploadUrl: 'http://contoso-my.sharepoint.com/upload' })],
    ['a content URL on another host', (id: string) => accept(id, { ...UPLOAD, contentUrl: 'https://evil.example/manual.pdf' })],
  ])('should refuse %s with no call out, and leave the offer standing', async (_name, answer) => {
    const w = world();
    const { id } = await w.offer();
    const sends = w.sent.length;
    expect(await answerFileConsent(w.deps, answer(id))).toBe('refused');
    expect(w.fetched).toEqual([]);
    expect(w.opened).toEqual([]);
    expect(w.sent).toHaveLength(sends);
    expect(w.told).toEqual([]);
    expect(await answerFileConsent(w.deps, accept(id))).toBe('uploaded');
  });

  it('should refuse an expired offer', async () => {
    const w = world();
    const { id } = await w.offer();
    w.deps.now = () => 1000 + 25 * 3600 * 1000;
    expect(await answerFileConsent(w.deps, accept(id))).toBe('refused');
    expect(w.fetched).toEqual([]);
  });

  it('should still refuse a non-picture without a source to open again', async () => {
    const w = world();
    const side = new TeamsFileSide({ reachWithConnector: async () => { throw new Error('not reached'); } }, undefined, { store: { put: async () => undefined, get: async () => undefined, claim: async () => true }, now: () => 0 });
    await expect(side.send(tom, { name: 'a.pdf', mimeType: 'application/pdf', body: new Blob([PDF]).stream() }, { senderName: 'A', conversationId: 'c' })).rejects.toThrow('only pictures');
    expect(w.fetched).toEqual([]);
  });
});

describe('narrowing a fileConsent/invoke', () => {
  const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
  const who = { tenantId: tom.tenantId, userId: tom.userId };
  const raw = (value: unknown) => ({ type: 'invoke', name: 'fileConsent/invoke', value });

  it('should read an accept and a decline', () => {
    expect(narrowConsentInvoke(raw({ type: 'fileUpload', action: 'accept', context: { id }, uploadInfo: UPLOAD }), who)).toEqual({ kind: 'file-consent', answer: { id, action: 'accept', invoker: tom, upload: UPLOAD } });
    expect(narrowConsentInvoke(raw({ type: 'fileUpload', action: 'decline', context: { id } }), who)).toEqual({ kind: 'file-consent', answer: { id, action: 'decline', invoker: tom } });
  });

  it.each([
    ['another invoke', { type: 'invoke', name: 'adaptiveCard/action', value: {} }],
    ['an id that is not Koji’s', raw({ type: 'fileUpload', action: 'accept', context: { id: '../../x' }, uploadInfo: UPLOAD })],
    ['a context that is a string', raw({ type: 'fileUpload', action: 'accept', context: id, uploadInfo: UPLOAD })],
    ['an unknown action', raw({ type: 'fileUpload', action: 'steal', context: { id } })],
    ['an accept without upload info', raw({ type: 'fileUpload', action: 'accept', context: { id } })],
    ['an overlong upload URL', raw({ type: 'fileUpload', action: 'accept', context: { id }, uploadInfo: { ...UPLOAD, uploadUrl: `https://a.sharepoint.com/${'x'.repeat(5000)}` } })],
    ['a uniqueId with markup', raw({ type: 'fileUpload', action: 'accept', context: { id }, uploadInfo: { ...UPLOAD, uniqueId: '<b>' } })],
  ])('should ignore %s', (_name, activity) => {
    expect(narrowConsentInvoke(activity, who)).toMatchObject({ kind: 'ignored' });
  });
});
