import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The local Forge platform is a package of its own (packages/forge-local): it runs the app
 * from manifest.yml as Forge does and reaches nothing else of it, and the product (src/) does
 * not know a sandbox exists: it names the real Slack and Microsoft endpoints, and the platform
 * answers for them on this machine. dev/koji-app.ts is the glue between the two.
 */
const repoRoot = path.resolve(__dirname, '..', '..');
const packageRoot = path.join(repoRoot, 'packages', 'forge-local');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function relativeSpecifiers(source: string): string[] {
  return [...source.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)'(\.{1,2}\/[^']*)'/g)].map((m) => m[1]!);
}

describe('the local platform apart from the product', () => {
  it('should have the local platform import nothing outside its own package', () => {
    const sources = path.join(packageRoot, 'src');
    const outside = sourceFiles(sources).flatMap((file) =>
      relativeSpecifiers(readFileSync(file, 'utf8'))
        .filter((specifier) => !path.resolve(path.dirname(file), specifier).startsWith(sources + path.sep))
        .map((specifier) => `${path.relative(repoRoot, file)} imports ${specifier}`),
    );

    expect(outside).toEqual([]);
  });

  it('should leave the product with no switch that exists only for a sandbox', () => {
    const switches = /SLACK_API_URL|TEAMS_LOGIN_URL|TEAMS_OPENID_METADATA_URL|sandbox/i;
    const knowing = sourceFiles(path.join(repoRoot, 'src'))
      .filter((file) => switches.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(repoRoot, file));

    expect(knowing).toEqual([]);
  });
});
