import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The Koji issue panel (a Forge Custom UI resource shown on Jira tickets). `npm run build:ui`
 * writes it to build/, the folder manifest.yml names; asset URLs stay relative because Forge
 * serves the resource from a path of its own. public/icon.svg lands in build/ as the panel's
 * icon (`resource:issue-panel;icon.svg`).
 */
export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  // React's automatic JSX runtime, compiled by Vite's own transformer (no React plugin needed for a build).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'build',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // Atlaskit and React land in one vendor chunk of about 0.9 MB before gzip.
    chunkSizeWarningLimit: 1200,
  },
});
