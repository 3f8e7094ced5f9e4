// `npm test`: starts a throwaway PostgreSQL cluster, runs every *.test.ts with node's test runner
// (the database tests run on SQLite and on PostgreSQL), stops the cluster, and ends with the
// plain summary line "N passed, N failed". Pass file paths to run only those.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startPgCluster } from '../test/support/pg-cluster.js';
import { ensureWebBuild } from './build-web.js';

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const requested = process.argv.slice(2);
const files = requested.length > 0 ? requested : [...findTests('src'), ...findTests('test')].sort();
if (files.length === 0) {
  console.error('No test files found');
  process.exit(1);
}

// The browser tests serve the built web: build it first when its sources changed.
if (await ensureWebBuild()) console.log('Built the web into dist/web');

console.log('Starting a throwaway PostgreSQL cluster for the PostgreSQL half of the database tests…');
let cluster;
try {
  cluster = await startPgCluster();
} catch (error) {
  // Loud failure, never a silent skip: the PostgreSQL path must be tested.
  console.error(String(error instanceof Error ? error.message : error));
  console.log('0 passed, 1 failed');
  process.exit(1);
}
console.log(`PostgreSQL test cluster at 127.0.0.1:${cluster.port}`);

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? '2'}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./test/support/summary-reporter.mjs',
    '--test-reporter-destination=stdout',
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', MOTCUA_TEST_PG_URL: cluster.url } },
);

const stop = () => cluster?.stop();
process.on('SIGINT', () => child.kill('SIGINT'));
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => {
  stop();
  process.exit(code ?? (signal ? 1 : 0));
});
