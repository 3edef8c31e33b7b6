import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The README is a start page that sends readers into docs/: every link between them, to a file, a
 * picture or a heading, must land somewhere. A renamed heading or a moved file fails here, not in a
 * newcomer's first hour.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const DOCS = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsIn(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = !fenced && /^#{1,6} (.+)$/.exec(line);
    if (heading) anchors.add(anchorOf(heading[1] ?? ''));
  }
  return anchors;
}

/** Relative links and pictures: `[text](target)` outside code. */
function linksIn(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '').filter((target) => !/^[a-z]+:/i.test(target));
}

describe('links between the README and docs/', () => {
  it.each(DOCS)('should land on an existing file and heading from %s', (doc) => {
    const markdown = readFileSync(path.join(ROOT, doc), 'utf8');
    const broken = linksIn(markdown).filter((target) => {
      const [file, anchor] = target.split('#');
      const landing = file ? path.resolve(path.dirname(path.join(ROOT, doc)), file) : path.join(ROOT, doc);
      if (!existsSync(landing)) return true;
      return anchor !== undefined && !anchorsIn(readFileSync(landing, 'utf8')).has(anchor);
    });
    expect(broken).toEqual([]);
  });

  it('should keep the README a short start page', () => {
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(130);
  });
});
