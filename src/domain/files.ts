import { clipText } from './text';

/**
 * Files people share in a conversation: which the app relays, and why one is refused.
 *
 * The limits are the project's (settings.ts): a size in megabytes and a list of allowed types, each either a
 * file name extension (`.pdf`) or a MIME type or family (`application/pdf`, `image/*`); `*\/*` allows any type.
 */

/** What an admin may allow at most: a file is relayed by streaming, but a ticket's copy is held whole in a 256 MB function (see docs/admin.md). */
export const MAX_FILE_MEGABYTES = 50;
export const DEFAULT_MAX_FILE_MEGABYTES = 20;
export const MAX_ALLOWED_FILE_TYPES = 50;

/** Images, PDF, plain text and office documents: what people usually send a help desk. Archives and programs are not. */
export const DEFAULT_ALLOWED_FILE_TYPES: readonly string[] = ['image/*', '.pdf', '.txt', '.log', '.csv', '.docx', '.xlsx', '.pptx', '.odt', '.ods', '.odp'];

/**
 * Extensions refused under a MIME family even when the family is allowed: a platform reports the type the sender's
 * client guessed, and `image/svg+xml` or a `.html` can carry script. Listed explicitly by extension, an admin's choice wins.
 */
const RISKY_EXTENSIONS = new Set(['.svg', '.svgz', '.html', '.htm', '.xhtml', '.js', '.mjs', '.exe', '.msi', '.bat', '.cmd', '.com', '.scr', '.ps1', '.vbs', '.sh', '.jar', '.dll', '.app', '.dmg']);

const EXTENSION = /^\.[a-z0-9]{1,10}$/;
const MIME = /^[a-z]{1,20}\/(\*|[a-z0-9][a-z0-9.+-]{0,60})$/;

/** A file a person shared, as the chat platform described it; the adapter checked every field. */
export interface SharedFile {
  readonly name: string;
  /** Bytes, when the platform says (Slack does; a Teams file is measured while it is read). */
  readonly size?: number | undefined;
  /** The MIME type the platform reported, lower case. */
  readonly mimeType?: string | undefined;
}

export interface FileLimits {
  readonly maxFileMegabytes: number;
  readonly allowedFileTypes: readonly string[];
}

/** Why a file was not relayed, as its sender is told it (replies/files.ts). */
export type FileRefusal =
  | { readonly kind: 'too-big'; readonly maxMegabytes: number }
  | { readonly kind: 'type-not-allowed' }
  /** Could not be read from the sender's platform or written to the other side; `reason` is safe to show. */
  | { readonly kind: 'not-transferred'; readonly reason: string };

export function maxFileBytes(limits: FileLimits): number {
  return limits.maxFileMegabytes * 1024 * 1024;
}

/** The lower-case extension of a file name, with its dot (`.pdf`), or '' when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '';
  const ext = name.slice(dot).toLowerCase();
  return EXTENSION.test(ext) ? ext : '';
}

/** Whether the project relays a file of this name and type. */
export function isAllowedType(file: SharedFile, allowed: readonly string[]): boolean {
  const ext = extensionOf(file.name);
  if (ext && allowed.includes(ext)) return true;
  if (RISKY_EXTENSIONS.has(ext)) return false;
  const mime = (file.mimeType ?? '').toLowerCase();
  return allowed.some((entry) => entry === '*/*' || (mime !== '' && (entry === mime || (entry.endsWith('/*') && mime.startsWith(entry.slice(0, -1))))));
}

/** Why the project's limits refuse a file before anything is downloaded, or undefined when they let it through. */
export function refusalOf(file: SharedFile, limits: FileLimits): FileRefusal | undefined {
  if (!isAllowedType(file, limits.allowedFileTypes)) return { kind: 'type-not-allowed' };
  if (file.size !== undefined && file.size > maxFileBytes(limits)) return { kind: 'too-big', maxMegabytes: limits.maxFileMegabytes };
  return undefined;
}

/** Problems with an admin's limits, in the settings' words; none when they hold. */
export function fileLimitProblems(limits: { readonly maxFileMegabytes: unknown; readonly allowedFileTypes: unknown }): string[] {
  const problems: string[] = [];
  const size = limits.maxFileMegabytes;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_FILE_MEGABYTES) {
    problems.push(`The largest file must be a whole number of megabytes from 1 to ${MAX_FILE_MEGABYTES}.`);
  }
  const types = limits.allowedFileTypes;
  if (!Array.isArray(types) || types.length > MAX_ALLOWED_FILE_TYPES || !types.every((t) => typeof t === 'string')) {
    problems.push(`Allowed file types must be a list of at most ${MAX_ALLOWED_FILE_TYPES} entries.`);
  } else {
    const bad = types.filter((t: string) => !isFileTypeEntry(t.trim().toLowerCase()));
    if (bad.length > 0) {
      problems.push(`Each allowed file type is an extension such as .pdf or a MIME type such as image/* (not ${bad.slice(0, 3).map((b: string) => `“${clipText(b, 40)}”`).join(', ')}).`);
    }
  }
  return problems;
}

/** The admin's list as it is kept: trimmed, lower case, each once. Call after fileLimitProblems found none. */
export function normalisedFileTypes(types: readonly string[]): string[] {
  return [...new Set(types.map((t) => t.trim().toLowerCase()))];
}

function isFileTypeEntry(entry: string): boolean {
  return entry === '*/*' || EXTENSION.test(entry) || MIME.test(entry);
}
