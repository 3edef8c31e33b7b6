import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The Koji backoffice page (a Forge Custom UI resource). `npm run build:ui` writes it to
 * build/, the folder manifest.yml names; asset URLs stay relative because Forge serves the
 * resource from a path of its own.
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
