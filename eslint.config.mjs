// @ts-check
import { builtinModules } from 'node:module';

import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Layering (see docs/style.md): the domain core (src/domain) and the use cases (src/app)
 * depend on nothing outward. Platform SDKs, Node built-ins and the outer folders are
 * reached only through ports that src/adapters implements and src/entry wires. The local Forge
 * platform (packages/forge-local) runs the app from manifest.yml and imports nothing of it; the
 * app-specific glue between the two is dev/koji-app.ts.
 * test/foundation/layering.test.ts proves these rules still fire.
 */
const sdkMessage = 'The core (src/domain, src/app) must not import platform SDKs; define a port and implement it in src/adapters.';
const builtinMessage = 'The core (src/domain, src/app) must not import Node built-ins; inject what it needs through a port.';

const coreRestrictedImports = {
  // Exact specifiers. Built-in names go here, not in `patterns`: gitignore-style patterns match
  // any path segment, so a pattern `domain` (a Node built-in) would also hit '../domain/x'.
  paths: [
    ...['jose', 'better-sqlite3', 'botbuilder'].map((name) => ({ name, message: sdkMessage })),
    ...builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message: builtinMessage })),
  ],
  patterns: [
    {
      group: ['@forge/*', '@slack/*', '@microsoft/*', 'botbuilder-*', 'botbuilder/*', 'jose/*', 'better-sqlite3/*'],
      message: sdkMessage,
    },
    { group: ['node:*'], message: builtinMessage },
    {
      group: ['**/adapters', '**/adapters/**', '**/entry', '**/entry/**', '**/local', '**/local/**', '**/packages/**', '@koji/*', '**/dev/**'],
      message: 'The core (src/domain, src/app) must not import outer layers (src/adapters, src/entry, the local platform in packages/).',
    },
  ],
};

const clockMessage = 'The core reads time only through the injected Clock port.';

export default defineConfig(
  {
    ignores: ['node_modules/**', 'coverage/**', '.artifacts/**', '.koji-data/**', 'static/**/build/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', coreRestrictedImports],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: clockMessage }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: clockMessage },
        { selector: "CallExpression[callee.name='Date']", message: clockMessage },
      ],
    },
  },
  {
    // The local platform is its own package: it runs any Forge app from its manifest.yml, so it
    // reaches no file of this one (dev/koji-app.ts hands it what it needs).
    files: ['packages/forge-local/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./){2,}',
              message: 'The local platform (packages/forge-local) imports nothing outside its package: take what it needs from the app through LocalApp (local-app.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The Custom UI pages (browser bundles built by Vite: the backoffice and the issue panel):
    // typed through their own static/<page>/tsconfig.json, which the project service finds.
    files: ['static/backoffice/**/*.{ts,tsx}', 'static/issue-panel/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+src/(?!shared/resolver-contract$)',
              message: 'The page may import from src/ only the types of src/shared/resolver-contract.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Small modules (issue 15): a page component file stays readable in one screen or two.
    // test/foundation/file-size.test.ts proves these limits still fire.
    files: ['static/*/src/**/*.tsx'],
    rules: { 'max-lines': ['error', { max: 120 }] },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  {
    // Plain JS files (configs, test/foundation/eslint-probe.mjs) are outside tsconfig's include:
    // lint them without type information.
    files: ['**/*.{js,cjs,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: {
      globals: { process: 'readonly', Buffer: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
  },
);
