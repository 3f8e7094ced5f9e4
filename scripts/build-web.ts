// Builds the web (web/ → dist/web) when the build is missing or older than its sources, so `npm start`
// on a fresh clone and `npm test` (before the browser tests) always serve the current web.
// `tsx scripts/build-web.ts --force` builds regardless.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCES = [path.join(ROOT, 'web'), path.join(ROOT, 'package-lock.json')];
const STAMP = path.join(ROOT, 'dist/web/index.html');

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(target).reduce((newest, name) => (name === 'node_modules' ? newest : Math.max(newest, newestMtime(path.join(target, name)))), stat.mtimeMs);
}

export function webBuildIsStale(): boolean {
  if (!fs.existsSync(STAMP)) return true;
  const built = fs.statSync(STAMP).mtimeMs;
  return SOURCES.some((source) => fs.existsSync(source) && newestMtime(source) > built);
}

export async function ensureWebBuild(options: { force?: boolean } = {}): Promise<boolean> {
  if (!options.force && !webBuildIsStale()) return false;
  await build({ configFile: path.join(ROOT, 'web/vite.config.ts'), logLevel: 'warn' });
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const built = await ensureWebBuild({ force: process.argv.includes('--force') });
  console.log(built ? 'web built into dist/web' : 'web build is current (dist/web)');
}
