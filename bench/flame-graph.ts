import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CpuProfile, CpuProfileNode as ProfileNode } from './lib/cpu-owners';

/**
 * `node --import tsx bench/flame-graph.ts <file.cpuprofile> <out.svg> [title]`
 *
 * A flame graph (SVG, no package) of a V8 CPU profile, as `node --cpu-prof` writes it,
 * e.g. of `bench/profile-relay.ts` (the main thread's profile is the one whose name has
 * the process id then `.1.`). Each box is a function in a stack, as wide as the share of
 * samples it was on; its colour says whose code it is: the product (`src/`), the local
 * platform (`packages/forge-local`), the bench, an npm package, or Node itself. Idle and
 * (garbage collector) samples are dropped from the width and counted in the title.
 * It also prints the self time by owner and the heaviest functions, to stdout.
 */

interface Frame {
  readonly name: string;
  readonly owner: Owner;
  total: number;
  readonly children: Map<string, Frame>;
}

type Owner = 'product' | 'platform' | 'bench' | 'package' | 'node' | 'gc';

const COLOURS: Record<Owner, readonly [number, number, number]> = {
  product: [230, 120, 40],
  platform: [70, 130, 200],
  bench: [150, 110, 200],
  package: [90, 170, 90],
  node: [170, 170, 170],
  gc: [200, 60, 60],
};

export function ownerOf(url: string, name: string): Owner {
  if (name === '(garbage collector)') return 'gc';
  if (url.includes('/node_modules/')) return 'package';
  if (url.includes('/packages/forge-local/')) return 'platform';
  if (url.includes('/bench/')) return 'bench';
  if (url.includes('/src/')) return 'product';
  return 'node';
}

function shortName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url ? url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, '').replace(/.*\/packages\/forge-local\/src\//, 'forge-local/').replace(/.*\/(src|bench)\//, '$1/') : '';
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${(lineNumber ?? -1) + 1}` : ''}`;
}

/** Sample time (µs) per node id, from the samples and their time deltas. */
function timePerNode(profile: CpuProfile): Map<number, number> {
  const time = new Map<number, number>();
  profile.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  return time;
}

export function buildTree(profile: CpuProfile): { root: Frame; idle: number; gc: number; selfByOwner: Map<Owner, number>; selfByFunction: Map<string, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const time = timePerNode(profile);
  const root: Frame = { name: 'all', owner: 'node', total: 0, children: new Map() };
  const selfByOwner = new Map<Owner, number>();
  const selfByFunction = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  const walk = (id: number, parent: Frame): void => {
    const node = byId.get(id);
    if (!node) return;
    const name = node.callFrame.functionName;
    const self = time.get(id) ?? 0;
    if (name === '(idle)' || name === '(program)') {
      idle += self;
      return;
    }
    if (name === '(garbage collector)') gc += self;
    let frame = parent;
    if (name !== '(root)') {
      const label = shortName(node);
      frame = parent.children.get(label) ?? { name: label, owner: ownerOf(node.callFrame.url, name), total: 0, children: new Map() };
      parent.children.set(label, frame);
      selfByOwner.set(frame.owner, (selfByOwner.get(frame.owner) ?? 0) + self);
      selfByFunction.set(label, (selfByFunction.get(label) ?? 0) + self);
    }
    for (const child of node.children ?? []) walk(child, frame);
  };
  walk(profile.nodes[0]!.id, root);
  const sum = (f: Frame, self: Map<Frame, number>): number => {
    f.total = (self.get(f) ?? 0) + [...f.children.values()].reduce((s, c) => s + sum(c, self), 0);
    return f.total;
  };
  // Self time sits on the frames; totals are summed bottom-up from it.
  const selfOfFrame = new Map<Frame, number>();
  const assign = (id: number, parent: Frame): void => {
    const node = byId.get(id);
    if (!node) return;
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') return;
    const frame = name === '(root)' ? parent : parent.children.get(shortName(node))!;
    selfOfFrame.set(frame, (selfOfFrame.get(frame) ?? 0) + (time.get(id) ?? 0));
    for (const child of node.children ?? []) assign(child, frame);
  };
  assign(profile.nodes[0]!.id, root);
  sum(root, selfOfFrame);
  return { root, idle, gc, selfByOwner, selfByFunction };
}

const ROW = 16;
const WIDTH = 1600;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function renderSvg(root: Frame, title: string): string {
  const depthOf = (f: Frame): number => 1 + Math.max(0, ...[...f.children.values()].filter((c) => (c.total / root.total) * WIDTH >= 0.3).map(depthOf));
  const height = depthOf(root) * ROW;
  const boxes: string[] = [];
  // Flame graphs grow upwards: the root at the bottom.
  const draw = (f: Frame, x: number, level: number): void => {
    const w = (f.total / root.total) * WIDTH;
    if (w < 0.3) return;
    const y = height - (level + 1) * ROW;
    const [r, g, b] = COLOURS[f.owner];
    const shade = (f.name.length * 7) % 30;
    const pct = ((f.total / root.total) * 100).toFixed(1);
    const label = w > 40 ? `<text x="${(x + 3).toFixed(1)}" y="${y + 12}">${escapeXml(f.name.slice(0, Math.floor(w / 6.5)))}</text>` : '';
    boxes.push(
      `<g><title>${escapeXml(f.name)} (${pct}%, ${(f.total / 1000).toFixed(0)} ms)</title><rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${ROW - 1}" fill="rgb(${r - shade},${g - shade},${b - shade})"/>${label}</g>`,
    );
    let cx = x;
    for (const child of [...f.children.values()].sort((a, c) => a.name.localeCompare(c.name))) {
      draw(child, cx, level + 1);
      cx += (child.total / root.total) * WIDTH;
    }
  };
  draw(root, 0, 0);
  const legend = (Object.keys(COLOURS) as Owner[]).map((o, i) => `<rect x="${i * 110}" y="${height + 24}" width="12" height="12" fill="rgb(${COLOURS[o].join(',')})"/><text x="${i * 110 + 16}" y="${height + 34}">${o}</text>`).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height + 44}" font-family="monospace" font-size="11">`,
    `<text x="0" y="${height + 16}" font-size="12">${escapeXml(title)}</text>`,
    ...boxes,
    legend,
    '</svg>',
    '',
  ].join('\n');
}

function main(): void {
  const [input, output, title] = process.argv.slice(2);
  if (!input || !output) throw new Error('usage: node --import tsx bench/flame-graph.ts <file.cpuprofile> <out.svg> [title]');
  const profile = JSON.parse(readFileSync(input, 'utf8')) as CpuProfile;
  const { root, idle, gc, selfByOwner, selfByFunction } = buildTree(profile);
  const ms = (us: number) => `${(us / 1000).toFixed(0)} ms`;
  const heading = `${title ?? path.basename(input)} · ${ms(root.total)} on CPU (GC ${ms(gc)}), ${ms(idle)} idle left out`;
  writeFileSync(output, renderSvg(root, heading));
  const share = (us: number) => `${((us / root.total) * 100).toFixed(1)}%`;
  const lines = [heading, `self time by owner: ${[...selfByOwner].sort((a, b) => b[1] - a[1]).map(([o, t]) => `${o} ${share(t)}`).join(' · ')}`];
  for (const [name, t] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) lines.push(`${share(t).padStart(6)}  ${name}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (require.main === module) main();
