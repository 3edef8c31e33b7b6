import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inflateRawSync, inflateSync } from 'node:zlib';
// The draft-04 flavour of ajv that @microsoft/app-manifest itself validates with (its own
// AppManifestUtils cannot be loaded: it requires fs-extra without depending on it).
import Ajv from 'ajv-draft-04';
import { TEAMS_MANIFEST_SCHEMA, TEAMS_MANIFEST_VERSION, crc32, teamsAppPackage } from '../../../src/adapters/teams/teams-app-package';

const BOT_APP_ID = 'c9e8c047-2a74-40a2-b28a-b162d5f5327c';
const SCHEMAS = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

function isUri(value: string): boolean {
  try {
    return new URL(value).protocol !== '';
  } catch {
    return false;
  }
}

/** A minimal zip reader: end record → central directory → local headers, checking sizes and CRCs. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBe(zip.length - 22);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  expect(at + zip.readUInt32LE(end + 12)).toBe(end);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);

    expect(zip.readUInt32LE(localAt)).toBe(0x04034b50);
    expect(zip.readUInt32LE(localAt + 14)).toBe(crc);
    expect(zip.toString('utf8', localAt + 30, localAt + 30 + zip.readUInt16LE(localAt + 26))).toBe(name);
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    const stored = zip.subarray(dataAt, dataAt + compressedSize);
    const data = method === 8 ? inflateRawSync(stored) : Buffer.from(stored);
    expect([0, 8]).toContain(method);
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + skip;
  }
  return files;
}

/** Walks a PNG's chunks, checking the signature and every chunk CRC; returns its size and RGBA pixels. */
function readPng(png: Buffer): { width: number; height: number; colorType: number; pixels: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const types: string[] = [];
  const idat: Buffer[] = [];
  let header: Buffer = Buffer.alloc(0);
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    types.push(type);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  expect(types[0]).toBe('IHDR');
  expect(types).toContain('IDAT');
  expect(types[types.length - 1]).toBe('IEND');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const colorType = header[9] ?? -1;
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (1 + width * 4));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (1 + width * 4)]).toBe(0); // filter: none
    raw.copy(pixels, y * width * 4, y * (1 + width * 4) + 1, (y + 1) * (1 + width * 4));
  }
  return { width, height, colorType, pixels };
}

function pixelsOf(pixels: Buffer): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  for (let i = 0; i < pixels.length; i += 4) out.push([pixels[i] ?? 0, pixels[i + 1] ?? 0, pixels[i + 2] ?? 0, pixels[i + 3] ?? 0]);
  return out;
}

describe('teamsAppPackage', () => {
  const built = teamsAppPackage({ botAppId: BOT_APP_ID });
  const files = unzip(Buffer.from(built.zipBase64, 'base64'));

  it('zips exactly the manifest and its two icons', () => {
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(built.fileName).toBe('koji-live-agent-teams-app.zip');
  });

  it('writes a manifest for a current schema (1.24 or later) that validates against the schema @microsoft/app-manifest ships', () => {
    const [major, minor] = TEAMS_MANIFEST_VERSION.split('.').map(Number);
    expect((major ?? 0) * 1000 + (minor ?? 0)).toBeGreaterThanOrEqual(1024);
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '{}') as Record<string, unknown>;
    expect(manifest).toEqual(built.manifest);
    expect(manifest.$schema).toBe(TEAMS_MANIFEST_SCHEMA);
    expect(manifest.manifestVersion).toBe(TEAMS_MANIFEST_VERSION);

    const schema = JSON.parse(readFileSync(join(SCHEMAS, `v${TEAMS_MANIFEST_VERSION}`, 'MicrosoftTeams.schema.json'), 'utf8')) as {
      $schema: string;
      properties: { manifestVersion: { const?: string } };
    };
    expect(schema.$schema).toContain('draft-04');
    expect(schema.properties.manifestVersion.const).toBe(TEAMS_MANIFEST_VERSION);
    // The options @microsoft/app-manifest uses; "uri" is the only format this schema names.
    const ajv = new Ajv({ allErrors: true, strictTypes: false }).addFormat('uri', isUri);
    const validate = ajv.compile(schema);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('is not the newest schema only by accident: no newer numbered schema ships beside it', () => {
    const numbered = readdirSync(SCHEMAS)
      .map((dir) => /^v(\d+)\.(\d+)$/.exec(dir))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]) * 1000 + Number(m[2]));
    const [major, minor] = TEAMS_MANIFEST_VERSION.split('.').map(Number);
    expect(Math.max(...numbered)).toBe((major ?? 0) * 1000 + (minor ?? 0));
  });

  it('fills in the bot and uses its app id as the Teams app id', () => {
    expect(built.manifest.id).toBe(BOT_APP_ID);
    expect(built.manifest.bots).toEqual([{ botId: BOT_APP_ID, scopes: ['personal', 'team', 'groupChat'], supportsFiles: true, isNotificationOnly: false }]);
    expect(built.manifest.validDomains).toEqual([]);
    expect(built.manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('draws a 192×192 opaque colour icon', () => {
    const png = readPng(files.get('color.png') ?? Buffer.alloc(0));
    expect([png.width, png.height, png.colorType]).toEqual([192, 192, 6]);
    const pixels = pixelsOf(png.pixels);
    expect(pixels.every(([, , , a]) => a === 255)).toBe(true);
    expect(new Set(pixels.map((p) => p.join(','))).size).toBe(2); // background and letter
  });

  it('draws a 32×32 outline icon: white on transparent', () => {
    const png = readPng(files.get('outline.png') ?? Buffer.alloc(0));
    expect([png.width, png.height, png.colorType]).toEqual([32, 32, 6]);
    const pixels = pixelsOf(png.pixels);
    expect(pixels.every(([r, g, b, a]) => a === 0 || (a === 255 && r === 255 && g === 255 && b === 255))).toBe(true);
    expect(pixels.some(([, , , a]) => a === 255)).toBe(true);
    expect(pixels.some(([, , , a]) => a === 0)).toBe(true);
  });

  it('gives the same bytes for the same input, and takes a name, URL and version', () => {
    expect(teamsAppPackage({ botAppId: BOT_APP_ID }).zipBase64).toBe(built.zipBase64);
    const custom = teamsAppPackage({ botAppId: BOT_APP_ID.toUpperCase(), appName: 'Contoso Help Desk', developerUrl: 'https://help.contoso.example', version: '2.1.0' });
    expect(custom.fileName).toBe('contoso-help-desk-teams-app.zip');
    expect(custom.manifest).toMatchObject({ id: BOT_APP_ID, version: '2.1.0', name: { short: 'Contoso Help Desk' }, developer: { websiteUrl: 'https://help.contoso.example' } });
  });

  it('refuses a bot app id that is not a GUID and a developer URL that is not https', () => {
    expect(() => teamsAppPackage({ botAppId: 'not-a-guid' })).toThrow(/GUID/);
    expect(() => teamsAppPackage({ botAppId: BOT_APP_ID, developerUrl: 'http://example.com' })).toThrow(/https/);
  });
});
