import { deflateRawSync, deflateSync } from 'node:zlib';

/**
 * The Microsoft Teams app package an admin uploads to Teams (Teams admin
 * center → Manage apps → Upload, or "Upload a custom app") so people can reach
 * a connected tenant's Azure Bot: a zip of `manifest.json` and its two icons.
 *
 * Built with Node built-ins only (this runs bundled in Forge): the icons are
 * drawn as PNGs here and the zip is written here, with no image or zip library.
 */

/** The newest manifest schema shipped by @microsoft/app-manifest (build/json-schemas/teams/v1.30). */
export const TEAMS_MANIFEST_VERSION = '1.30';
export const TEAMS_MANIFEST_SCHEMA = `https://developer.microsoft.com/en-us/json-schemas/teams/v${TEAMS_MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACCENT = { hex: '#0052CC', rgb: [0x00, 0x52, 0xcc] as const };

// Placeholders: the listing is private to the admin's own tenant, and Teams only
// requires these to be https URLs. Point them at real pages when there are any.
const PLACEHOLDER_WEBSITE = 'https://www.atlassian.com';
const PLACEHOLDER_PRIVACY = 'https://www.atlassian.com/legal/privacy-policy';
const PLACEHOLDER_TERMS = 'https://www.atlassian.com/legal/cloud-terms-of-service';

export interface TeamsAppPackageInput {
  /** The Microsoft App ID of the Azure Bot (a GUID). */
  readonly botAppId: string;
  readonly appName?: string;
  /** The developer's website (https); defaults to a placeholder. */
  readonly developerUrl?: string;
  /** The app's semver version; bump it when re-uploading a changed package. */
  readonly version?: string;
}

export interface TeamsAppPackage {
  readonly fileName: string;
  readonly zipBase64: string;
  readonly manifest: Record<string, unknown>;
}

export function teamsAppPackage({ botAppId, appName = 'Koji Live Agent', developerUrl, version = '1.0.0' }: TeamsAppPackageInput): TeamsAppPackage {
  const botId = botAppId.trim().toLowerCase();
  if (!GUID.test(botId)) throw new Error('The bot app id must be the Microsoft App ID of the Azure Bot: a GUID.');
  if (developerUrl !== undefined && !/^https:\/\//i.test(developerUrl)) throw new Error('The developer URL must be an https URL.');
  const name = appName.trim() || 'Koji Live Agent';

  const manifest: Record<string, unknown> = {
    $schema: TEAMS_MANIFEST_SCHEMA,
    manifestVersion: TEAMS_MANIFEST_VERSION,
    version,
    // One Teams app per bot, so the bot's own app id is a stable, unique app id.
    id: botId,
    developer: {
      name: 'Koji Live Agent',
      websiteUrl: developerUrl ?? PLACEHOLDER_WEBSITE,
      privacyUrl: PLACEHOLDER_PRIVACY,
      termsOfUseUrl: PLACEHOLDER_TERMS,
    },
    name: { short: name.slice(0, 30), full: name.slice(0, 100) },
    description: {
      short: 'Chat with a live agent from Jira Service Management.',
      full: 'Message this bot to reach the service desk team: your conversation is handed to a live agent working in Jira Service Management, and their replies come back here.',
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT.hex,
    bots: [{ botId, scopes: ['personal', 'team', 'groupChat'], supportsFiles: true, isNotificationOnly: false }],
    validDomains: [],
  };

  const zip = writeZip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2), 'utf8') },
    { name: 'color.png', data: iconPng(192, 'color') },
    { name: 'outline.png', data: iconPng(32, 'outline') },
  ]);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'koji-live-agent';
  return { fileName: `${slug}-teams-app.zip`, zipBase64: zip.toString('base64'), manifest };
}

// ---------------------------------------------------------------------------
// CRC-32 (IEEE 802.3, as PNG and zip both use)

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------
// Icons: a block-letter "K", 5×7 cells, scaled to the icon.

const GLYPH = ['X...X', 'X..X.', 'X.X..', 'XX...', 'X.X..', 'X..X.', 'X...X'];

/**
 * `color`: a white K on the accent colour, opaque (192×192).
 * `outline`: a white K on transparent (32×32), as Teams requires of outline icons.
 */
function iconPng(size: number, kind: 'color' | 'outline'): Buffer {
  const cell = Math.floor(size / 10);
  const left = Math.floor((size - 5 * cell) / 2);
  const top = Math.floor((size - 7 * cell) / 2);
  const rowBytes = 1 + size * 4;
  const raw = Buffer.alloc(rowBytes * size);
  for (let y = 0; y < size; y++) {
    raw[y * rowBytes] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const gx = Math.floor((x - left) / cell);
      const gy = Math.floor((y - top) / cell);
      const ink = x >= left && y >= top && GLYPH[gy]?.[gx] === 'X';
      const pixel = ink ? [255, 255, 255, 255] : kind === 'color' ? [...ACCENT.rgb, 255] : [0, 0, 0, 0];
      raw.set(pixel, y * rowBytes + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'ascii');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

// ---------------------------------------------------------------------------
// Zip: deflated entries, local headers, central directory, end record.
// Timestamps are fixed (1980-01-01 00:00) so the same input gives the same bytes.

const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

function writeZip(entries: ReadonlyArray<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const compressed = deflateRawSync(data);
    const crc = crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28); // extra length
    locals.push(local, fileName, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    // extra length, comment length, disk number, internal and external attributes: all 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, fileName);

    offset += local.length + fileName.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8); // entries on this disk
  end.writeUInt16LE(entries.length, 10); // entries in total
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
