// `npm run bench`: measures MotCua against bare-Fastify baselines in the same run, prints a table and
// ratios, and appends them to docs/benchmarks.md. Settings: see bench/settings.ts (BENCH_SECONDS, …).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasTaskset, killAllChildren, pinSelfToCpu } from './child-server.js';
import { documentsMarkdown, measureDocuments } from './documents.js';
import { legalClockMarkdown, measureLegalClock } from './legal-clock.js';
import type { ScenarioResult } from './load.js';
import type { PgCluster } from '../test/support/pg-cluster.js';
import { dossierMarkdown } from './dossier-report.js';
import { dossiersPostgres, dossiersSqlite, wants, type DossierRun } from './dossier-scenarios.js';
import { appendReport, codeVersion, printReport, REPORT_FILE } from './report.js';
import { baselineDurableWrite, baselineRead, motcuaApp, motcuaDurableWrite, type ScenarioEnv } from './scenarios.js';
import { filesystemType, readSettings } from './settings.js';
import { measureReportsAt, reportsMarkdown, type ReportBenchRow } from './report-scenarios.js';
import { reconcileAtVolume, reconcileMarkdown } from './reconcile-volume.js';
import { burstMarkdown, burstScenarios } from './burst.js';

const settings = readSettings();
fs.mkdirSync(settings.tmpRoot, { recursive: true });
const tmpDir = fs.mkdtempSync(path.join(settings.tmpRoot, 'run-'));

let cleanedUp = false;
let pgCluster: PgCluster | null = null;
/** Synchronous so that it also works from the 'exit' event: kill servers, stop PostgreSQL, delete the SQLite files. */
function cleanUp(): void {
  if (cleanedUp) return;
  cleanedUp = true;
  killAllChildren();
  try {
    pgCluster?.stop();
  } catch {
    // already stopped
  }
  fs.rmSync(tmpDir, { recursive: true, force: true });
}
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping servers and removing ${tmpDir}`);
    cleanUp();
    process.exit(130);
  });
}

/** Server on CPU 0, load generator on CPU 1: neither is scheduled onto the other's core. */
function choosePinning(): { serverCpu: number | null; description: string } {
  if (!settings.pin) return { serverCpu: null, description: 'off (BENCH_PIN=0)' };
  if (!hasTaskset()) return { serverCpu: null, description: 'off (taskset not found)' };
  if (os.cpus().length < 2) return { serverCpu: null, description: 'off (fewer than 2 CPUs)' };
  const self = pinSelfToCpu(1);
  return { serverCpu: 0, description: `server on CPU 0 (taskset -c 0); autocannon ${self ? 'on CPU 1 (taskset -a -p -c 1)' : 'not pinned (taskset -p failed)'}` };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = os.loadavg()[0] ?? 0;
  const code = codeVersion();
  const pinning = choosePinning();
  const filesystem = `${settings.tmpRoot} (${filesystemType(tmpDir)})`;
  if (filesystem.includes('(tmpfs)')) console.warn('warning: the SQLite files are on a tmpfs, where fsync costs nothing; set BENCH_TMPDIR to a real disk');
  console.log(`MotCua benchmark: ${settings.seconds} s measured + ${settings.warmupSeconds} s warm-up per scenario, ${settings.connections} connections, pipelining ${settings.pipelining}`);
  console.log(`CPU pinning: ${pinning.description}; SQLite files in ${tmpDir}`);

  const env: ScenarioEnv = { settings, tmpDir, serverCpu: pinning.serverCpu };
  const results: ScenarioResult[] = [];
  const dossiers: DossierRun = { figures: [], notes: [] };
  // Baselines first and MotCua right after its baseline, so drift during the run affects pairs alike.
  if (wants(env, 'base')) {
    results.push(await baselineRead(env));
    results.push(...(await motcuaApp(env)));
  }
  if (wants(env, 'base') || wants(env, 'intake')) results.push(await baselineDurableWrite(env));
  await dossiersSqlite(env, dossiers);
  if (wants(env, 'base')) results.push(await motcuaDurableWrite(env));
  await dossiersPostgres(env, dossiers, (cluster) => {
    pgCluster = cluster;
  });

  let clockSection = '';
  if (wants(env, 'clock')) {
    console.log('  legal clock: measuring due-date computations in process…');
    clockSection = legalClockMarkdown(measureLegalClock());
  }

  const reportRows: ReportBenchRow[] = [];
  if (wants(env, 'reports')) {
    for (const size of settings.reportSizes) reportRows.push(await measureReportsAt(size, console.log));
  }
  const reportSection = reportsMarkdown(reportRows) + (wants(env, 'reconcile') ? reconcileMarkdown(await reconcileAtVolume(tmpDir, settings.reconcileDossiers, console.log)) : '');
  let documentsSection = '';
  if (wants(env, 'documents')) {
    console.log('  documents: rendering and signing receipts in process…');
    documentsSection = documentsMarkdown(await measureDocuments());
  }

  const burstSection = wants(env, 'burst')
    ? burstMarkdown(
        await burstScenarios(env, (cluster) => {
          pgCluster = cluster;
        }),
        env,
      )
    : '';

  const elapsedSeconds = (Date.now() - startedAt.getTime()) / 1000;
  printReport(results);
  const dossierSection = dossierMarkdown(dossiers);
  console.log(dossierSection);
  console.log(clockSection);
  console.log(reportSection);
  console.log(documentsSection);
  console.log(burstSection);
  if (!settings.record) {
    console.log('\nBENCH_RECORD=0: nothing appended to docs/benchmarks.md');
    return;
  }
  appendReport(results, { settings, pinning: pinning.description, filesystem, startedAt, elapsedSeconds, loadBefore, loadAfter: os.loadavg()[0] ?? 0, code });
  fs.appendFileSync(REPORT_FILE, dossierSection + clockSection + reportSection + documentsSection + burstSection);
  console.log(`\nAppended to ${path.relative(process.cwd(), REPORT_FILE)} (run took ${Math.round(elapsedSeconds)} s)`);
}

main()
  .then(() => {
    cleanUp();
    // autocannon and fetch may leave keep-alive sockets or timers behind; the run is over.
    process.exit(0);
  })
  .catch((error: unknown) => {
    console.error('\nbenchmark failed:', error instanceof Error ? error.message : error);
    cleanUp();
    process.exit(1);
  });
