// Lint enforces the architecture invariants of ARCHITECTURE.md:
//  1. Only the HTTP adapter (src/http/, *.routes.ts, *.schemas.ts, src/app.ts, src/server.ts) imports Fastify.
//  2. Only repositories (*.repository.ts), the database module (src/db/) and migrations speak SQL:
//     they alone import kysely, better-sqlite3 or pg.
//  3. Migrations are frozen in time: they import nothing from the application.
//  4. Domain code never reaches into the HTTP adapter.
//  5. The web (web/src) is browser code: it knows the server only through the generated API types.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const FASTIFY = { group: ['fastify', 'fastify/*', '@fastify/*', 'fastify-plugin'], message: 'Only the HTTP adapter (src/http, *.routes.ts, src/app.ts, src/server.ts) may import Fastify. Domain services receive plain values.' };
const SQL = { group: ['kysely', 'kysely/*', 'better-sqlite3', 'pg', 'pg/*'], message: 'Only repositories (*.repository.ts), src/db and migrations may speak SQL.' };
const HTTP = { group: ['**/http/*', '*.routes.js', '**/*.routes.js'], message: 'Domain code must not depend on the HTTP adapter.' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'bench/.tmp/**', 'web/src/api/schema.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setImmediate: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', performance: 'readonly', NodeJS: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Domain code: every module file that is not an adapter, a repository or a test.
    files: ['src/**/*.ts'],
    ignores: ['src/http/**', 'src/**/*.routes.ts', 'src/**/*.schemas.ts', 'src/app.ts', 'src/server.ts', 'src/db/**', 'src/migrations/**', 'src/**/*.repository.ts', 'src/**/*.test.ts', 'src/cli/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [FASTIFY, SQL, HTTP] }] },
  },
  {
    // The HTTP adapter may use Fastify but not SQL.
    files: ['src/http/**/*.ts', 'src/**/*.routes.ts', 'src/**/*.schemas.ts', 'src/app.ts', 'src/server.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SQL] }] },
  },
  {
    // Repositories and the database module speak SQL but know nothing of HTTP.
    files: ['src/db/**/*.ts', 'src/**/*.repository.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [FASTIFY, HTTP] }] },
  },
  {
    // The CLI is an adapter like HTTP: it calls services, never SQL or Fastify directly.
    files: ['src/cli/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [FASTIFY, SQL, HTTP] }] },
  },
  {
    // Migrations are frozen in time: Kysely<any> only, no application imports.
    files: ['src/migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [FASTIFY, { group: ['../*', '!./*'], message: 'Migrations are frozen in time: never import application code.' }] }],
    },
  },
  {
    // The web: React hooks rules; no server code (the API's types are generated into web/src/api/schema.ts).
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [FASTIFY, SQL, { group: ['node:*', 'typebox', '**/src/*/*.js'], message: 'The web is browser code: it knows the server only through web/src/api (generated types).' }] }],
    },
  },
);
