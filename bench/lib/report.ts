/** The one table `npm run bench` prints: one row per figure, with its target and whether it was met. */
export type Verdict = 'met' | 'missed' | 'info';

export interface Row {
  readonly figure: string;
  readonly what: string;
  readonly measured: string;
  readonly target: string;
  readonly verdict: Verdict;
  /** Why a target was missed, by how much. */
  readonly note?: string | undefined;
}

/** Column widths: long cells wrap at word boundaries onto more lines. */
const WIDTHS = [9, 44, 66, 26, 40];

export function renderTable(rows: readonly Row[]): string {
  const header = ['figure', 'what', 'measured', 'target', 'verdict'];
  const cells = rows.map((r) => [r.figure, r.what, r.measured, r.target || '–', r.verdict === 'missed' ? `MISSED${r.note ? `: ${r.note}` : ''}` : r.verdict]);
  const line = (values: readonly string[]) => values.map((v, i) => (i === values.length - 1 ? v : v.padEnd(WIDTHS[i]!))).join(' │ ').trimEnd();
  const out = [line(header), WIDTHS.map((w) => '─'.repeat(w)).join('─┼─')];
  let previous = '';
  for (const c of cells) {
    const figure = c[0] === previous ? '' : c[0]!;
    previous = c[0]!;
    const wrapped = [figure, ...c.slice(1)].map((text, i) => wrap(text, WIDTHS[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let k = 0; k < height; k += 1) out.push(line(wrapped.map((w) => w[k] ?? '')));
  }
  return out.join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  lines.push(current);
  return lines;
}

export const fmt = {
  int: (n: number) => Math.round(n).toLocaleString('en-US'),
  bytes: (n: number) => (n >= 10_000 ? `${(n / 1024).toFixed(1)} KB` : `${Math.round(n)} B`),
  ms: (n: number) => (n >= 100 ? `${n.toFixed(0)} ms` : n >= 10 ? `${n.toFixed(1)} ms` : `${n.toFixed(2)} ms`),
  ratio: (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '∞'),
  dollars: (n: number) => `$${n.toFixed(2)}`,
};

/** One line that rewrites itself on a terminal (stderr), or plain lines when stderr is not one. */
export class Progress {
  private last = '';
  private lastPrinted = 0;

  constructor(private readonly tty = process.stderr.isTTY === true) {}

  update(text: string): void {
    if (this.tty) {
      process.stderr.write(`\r\x1b[2K${text}`);
    } else if (text.split(':')[0] !== this.last.split(':')[0] || performance.now() - this.lastPrinted > 5000) {
      process.stderr.write(`${text}\n`);
      this.lastPrinted = performance.now();
    }
    this.last = text;
  }

  done(): void {
    if (this.tty && this.last) process.stderr.write('\r\x1b[2K');
    this.last = '';
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
}
