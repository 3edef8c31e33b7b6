/**
 * Cutting people's text without breaking it. Platforms count UTF-16 units, but
 * a cut between the two halves of a surrogate pair, or inside an emoji
 * sequence or a letter with its accents, sends invalid or garbled text, so
 * every cut here falls between grapheme clusters.
 */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `text`, or its longest start of whole graphemes that fits `max` units with `ellipsis` after it. */
export function clipText(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - ellipsis.length);
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    if (index + segment.length > room) break;
    end = index + segment.length;
  }
  return `${text.slice(0, end)}${ellipsis}`;
}

/** `text`, or its longest end of whole graphemes that fits `max` units with `ellipsis` before it. */
export function clipKeepingEnd(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - ellipsis.length);
  let start = text.length;
  for (const { index } of graphemes.segment(text)) {
    if (text.length - index <= room) {
      start = index;
      break;
    }
  }
  return `${ellipsis}${text.slice(start)}`;
}

/**
 * `text` in parts of at most `max` units each (and at most `maxEscaped` by
 * escapedSize), in order, nothing lost: cut at the last line break or space
 * that leaves a part at least half full, else between graphemes. One part
 * when it fits.
 */
export function splitText(text: string, max: number, maxEscaped = Number.POSITIVE_INFINITY): string[] {
  if (max < 2) throw new RangeError(`A part holds at least 2 units, not ${max}.`);
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max || (Number.isFinite(maxEscaped) && escapedSize(rest) > maxEscaped)) {
    const cut = cutPoint(rest, max, maxEscaped);
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  parts.push(rest);
  return parts;
}

/**
 * What text can take once a surface has escaped it, at worst: UTF-8 bytes, and six for a character some surface
 * writes as a character reference or JSON escape (`&quot;`, `&#42;`, `\u0001`). The strictest surface's count.
 */
export function escapedSize(text: string): number {
  let size = 0;
  for (const ch of text) size += escapedCost(ch.codePointAt(0) ?? 0);
  return size;
}

function escapedCost(cp: number): number {
  if (cp < 0x20 || cp === 0x7f || MARKUP.has(cp)) return 6;
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  return cp < 0x10000 ? 3 : 4;
}

const MARKUP = new Set([...'&<>"\'*_`[]~\\#|'].map((c) => c.codePointAt(0) ?? 0));

function cutPoint(text: string, max: number, maxEscaped: number): number {
  let lastGrapheme = 0;
  let lastBreak = -1;
  let escaped = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    const end = index + segment.length;
    escaped += escapedSize(segment);
    if (end > max || escaped > maxEscaped) break;
    lastGrapheme = end;
    if (/^\s+$/.test(segment)) lastBreak = end;
  }
  // A single grapheme longer than a part (a pathological combining sequence) is cut on a code point.
  if (lastGrapheme === 0) return isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return lastBreak >= lastGrapheme / 2 ? lastBreak : lastGrapheme;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Whether `text` has a lone surrogate half (invalid UTF-16 that a platform may refuse or garble). */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/**
 * `text` as well-formed UTF-16: each lone surrogate half becomes U+FFFD, as a
 * UTF-8 encoder would make it anyway. Done where text comes in, so nothing
 * downstream (form encoding, JSON to Jira, a platform's validator) meets it.
 */
export function wellFormed(text: string): string {
  return hasLoneSurrogate(text) ? text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD') : text;
}

const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';
/** What can reorder the words around a name: right-to-left letters and Unicode's bidi controls. */
// JavaScript can't ask for a character's bidi class, so the blocks Unicode allots to right-to-left scripts
// (Hebrew to the Arabic extensions, their presentation forms, and the historic and newer RTL blocks of planes 1).
const REORDERS = /[\p{Bidi_Control}\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
/** What could read as one of the app's command names (`#help`, `list_operators`) inside its sentence. */
const LOOKS_LIKE_COMMAND = /[#_]/;

/**
 * A person's name as it goes into one of the app's sentences: unchanged, unless it could reorder the sentence
 * (an Arabic name before "(Slack)", a `U+202E` override that turns the rest backwards) or be taken for a command
 * name. Then it is wrapped in a first-strong isolate (U+2068 … U+2069), which every chat client, browser and Jira
 * renders invisibly: the name keeps its own direction, the sentence keeps its order, and `appSpans` leaves it plain.
 * Isolate marks inside the name go, so it can't close the wrapper early; line breaks become spaces.
 */
export function isolatedName(name: string): string {
  if (!REORDERS.test(name) && !LOOKS_LIKE_COMMAND.test(name)) return name;
  // On one line too: a surface that shows each line apart (a Teams card) would leave the isolate open on the first.
  const oneLine = name.replace(/[\u2066-\u2069]/g, '').replace(/\s*(?:\r\n|[\r\n\u2028\u2029])\s*/g, ' ');
  return `${FIRST_STRONG_ISOLATE}${oneLine}${POP_DIRECTIONAL_ISOLATE}`;
}

/** The isolated names in a sentence, where `appSpans` styles nothing. */
export const ISOLATED_NAME = /\u2068[^\u2069]*\u2069/g;

/**
 * A name as typed back, ready to compare: without bidi controls (an operator who copies a name the app isolated
 * copies the invisible U+2068 … U+2069 with it), trimmed, in lower case.
 */
export function comparableName(name: string): string {
  return name.replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '').trim().toLowerCase();
}
