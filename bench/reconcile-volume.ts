// Reconciliation at volume (issue "Reports"): N random dossiers (100,000 by default) walked through the
// real services — every channel, receipt outcome, processing step, pause, apology, decision and closing —
// on SQLite and on a throwaway PostgreSQL cluster; then `verify` (projection = fold of events) and
// `reports reconcile` (counters = sums over the folded states) must both find nothing. Run with
// `BENCH_ONLY=reconcile npm run bench` (BENCH_RECONCILE_DOSSIERS to change N).
import fs from 'node:fs';
import path from 'node:path';
import { createServices } from '../src/composition.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/open-database.js';
import { seedDemoDataIfEmpty } from '../src/demo/demo-data.js';
import { generateDossiers, steppingClock } from '../src/demo/dossier-generator.js';
import { startPgCluster } from '../test/support/pg-cluster.js';

export interface ReconcileRun {
  readonly dialect: 'sqlite' | 'postgres';
  readonly dossiers: number;
  readonly commands: number;
  readonly generateSeconds: number;
  readonly verifySeconds: number;
  readonly verifyMismatches: number;
  readonly reconcileSeconds: number;
  readonly counterRows: number;
  readonly differences: number;
}

async function runOn(dialect: 'sqlite' | 'postgres', url: string, count: number, log: (line: string) => void): Promise<ReconcileRun> {
  const config = loadConfig({ DATABASE_URL: url, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const database = await openDatabase(config);
  try {
    const clock = steppingClock('2026-01-05T01:00:00.000Z');
    const services = createServices(database, config, clock);
    await services.calendar.ensureReferenceData();
    await seedDemoDataIfEmpty(services, database, clock);
    let started = Date.now();
    const generated = await generateDossiers(services, { count, seed: 100_000, clock, concurrency: 16 });
    const generateSeconds = (Date.now() - started) / 1000;
    log(`  reconcile [${dialect}]: ${generated.created.toLocaleString('en-US')} dossiers, ${generated.commands.toLocaleString('en-US')} commands in ${generateSeconds.toFixed(0)} s`);
    started = Date.now();
    const verified = await services.dossierVerify.verifyAll();
    const verifySeconds = (Date.now() - started) / 1000;
    started = Date.now();
    const reconciled = await services.reportMaintenance.reconcile();
    const reconcileSeconds = (Date.now() - started) / 1000;
    log(`  reconcile [${dialect}]: verify ${verified.mismatches.length} mismatches (${verifySeconds.toFixed(0)} s); reconcile ${reconciled.differences.length} differences over ${reconciled.counterRows.toLocaleString('en-US')} counter rows (${reconcileSeconds.toFixed(0)} s)`);
    return { dialect, dossiers: reconciled.dossiers, commands: generated.commands, generateSeconds, verifySeconds, verifyMismatches: verified.mismatches.length, reconcileSeconds, counterRows: reconciled.counterRows, differences: reconciled.differences.length };
  } finally {
    await database.close();
  }
}

/** Both databases at once (each is a single writer; on two cores they overlap well). */
export async function reconcileAtVolume(tmpDir: string, count: number, log: (line: string) => void): Promise<ReconcileRun[]> {
  const file = path.join(tmpDir, 'reconcile.db');
  const sqlite = runOn('sqlite', `sqlite:${file}`, count, log).finally(() => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  });
  const postgres = (async () => {
    const cluster = await startPgCluster();
    try {
      return await runOn('postgres', cluster.url, count, log);
    } finally {
      cluster.stop();
    }
  })();
  return Promise.all([sqlite, postgres]);
}

export function reconcileMarkdown(runs: readonly ReconcileRun[]): string {
  if (runs.length === 0) return '';
  return [
    '',
    '### Reports: reconciliation after a randomised run',
    '',
    'Random dossiers walked through the real services (every kind of transition), then `verify` (projection = fold of the events) and `reports reconcile` (counters = the sums the event log gives). Both must find nothing.',
    '',
    '| database | dossiers | commands | generation | verify: mismatches | reconcile: differences | counter rows |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...runs.map((r) => `| ${r.dialect} | ${r.dossiers.toLocaleString('en-US')} | ${r.commands.toLocaleString('en-US')} | ${r.generateSeconds.toFixed(0)} s | ${r.verifyMismatches} (${r.verifySeconds.toFixed(0)} s) | ${r.differences} (${r.reconcileSeconds.toFixed(0)} s) | ${r.counterRows.toLocaleString('en-US')} |`),
    '',
  ].join('\n');
}
