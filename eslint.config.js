// One linter for the whole repository. Layer rules say *why* in their messages.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const guardBoundary = {
  group: [
    '@bedside/server',
    '@bedside/server/*',
    '@bedside/web',
    '@bedside/web/*',
    '**/server/**',
    '**/web/**',
  ],
  message: 'The guard is a pure library: it must not import the server or the web app.',
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      '**/*.d.ts',
      'packages/guard/src/data/**',
      '**/*.gen.ts',
    ],
  },
  js.configs.recommended,
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: { ...globals.node } } },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.json',
          './packages/*/tsconfig.test.json',
          './packages/web/tsconfig.json',
          './e2e/tsconfig.json',
          './bench/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-params': ['error', 3],
      'no-console': 'error',
    },
  },
  {
    files: ['packages/**/*.ts', 'packages/**/*.tsx'],
    ignores: ['**/*.config.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportDefaultDeclaration',
          message: 'Named exports only: a name is greppable.',
        },
      ],
    },
  },
  {
    files: ['packages/guard/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            guardBoundary,
            {
              group: [
                'node:*',
                'fs',
                'path',
                'crypto',
                'http',
                'https',
                'net',
                'os',
                'child_process',
              ],
              message: 'The guard runs in the browser too: no Node-only APIs and no I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/analysis/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@bedside/server', '@bedside/server/*', '@bedside/web', '@bedside/web/*'],
              message:
                'The analysis is a pure library: it must not import the server or the web app.',
            },
            {
              group: [
                'node:*',
                'fs',
                'path',
                'crypto',
                'http',
                'https',
                'net',
                'os',
                'child_process',
              ],
              message:
                'The analysis is pure: no Node-only APIs and no I/O (the model ships as a module).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/web/**/*.ts', 'packages/web/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@bedside/server', '@bedside/server/*', '**/server/**'],
              message:
                'The web app talks to the server over HTTP only; share code through packages/guard.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/server/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['fastify', 'fastify/*', '@fastify/*', 'fastify-*', '**/http/**'],
              message:
                'Domain operations know nothing of HTTP: routes call them, not the other way round.',
            },
            {
              group: ['better-sqlite3', 'pg', 'pg-boss', 'nodemailer'],
              message:
                'Domain code uses ports (Kysely transactions, job and mail ports), never drivers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'packages/server/src/cli/**/*.ts',
      'bench/**/*.ts',
      'packages/guard/bench/**/*.ts',
      'packages/analysis/bench/**/*.ts',
      'packages/analysis/scripts/**/*.ts',
      'e2e/**/*.ts',
      '**/*.test.ts',
    ],
    rules: { 'no-console': 'off' },
  },
);
