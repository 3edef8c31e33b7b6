// Jest runs TypeScript through SWC (transform only, no type-check): `npm run typecheck` (tsc) does that.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        // Ignore any .swcrc so this block is the single source of transform options.
        swcrc: false,
        jsc: {
          parser: { syntax: 'typescript', decorators: false },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  clearMocks: true,
  restoreMocks: true,
  // Jest's default is cores - 1, i.e. one worker on the 2-core CI machine; the main process is
  // mostly idle while workers run, and one worker per core measured ~25% faster here.
  maxWorkers: '100%',
  // The entry points log one JSON line per event, as on Forge; in tests that is noise around the
  // results. `npx jest --silent=false` shows them when a failure needs them.
  silent: true,
  // Some suites start the whole local platform or make RSA keys in beforeAll; on a busy 2-core
  // machine that can pass jest's 5 s default. A hang still fails, just later.
  testTimeout: 20_000,
};
