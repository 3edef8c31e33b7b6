/** Date and time, as Jira shows them next to comments: "12 Jun 2026, 10:02". */
export function formatDateTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The time alone when `epochMs` falls on the same day as `reference`, the date and time otherwise. */
export function formatShort(epochMs: number, reference: number | undefined): string {
  if (reference !== undefined && sameDay(epochMs, reference)) return new Date(epochMs).toLocaleTimeString(undefined, { timeStyle: 'short' });
  return formatDateTime(epochMs);
}

export function isoOf(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function sameDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

/** How the channel is called in the product: `slack` → Slack, `teams` → Microsoft Teams. */
export function channelName(channel: string): string {
  if (channel === 'slack') return 'Slack';
  if (channel === 'teams') return 'Microsoft Teams';
  return channel;
}

/** Up to two initials of a name, for the small round badge next to a message. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => w.length > 0);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => Array.from(w ?? '')[0]?.toUpperCase() ?? '').join('') || '?';
}
