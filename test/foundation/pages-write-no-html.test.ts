import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The pages show what people typed through React, which escapes it: no page
 * source may write HTML itself, where a transcript line or a name would be
 * read as markup.
 */
const STATIC = path.resolve(__dirname, '..', '..', 'static');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'build' || name === 'dist') return [];
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(tsx?|jsx?)$/.test(name) ? [full] : [];
  });
}

describe('the pages', () => {
  const files = sources(STATIC);

  it('should have page sources to look at', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(['dangerouslySetInnerHTML', 'innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write'])('should never use %s', (api) => {
    expect(files.filter((f) => readFileSync(f, 'utf8').includes(api)).map((f) => path.relative(STATIC, f))).toEqual([]);
  });
});
