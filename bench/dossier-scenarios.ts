// Dossier scenarios (issue 4): online intake against the naive durable write, whole lifecycles per second,
// the public lookup's latency at a fixed rate, and (bench/scale-scenarios.ts) intake and lifecycles with
// 1,000,000 dossiers stored — on SQLite, and intake and lifecycle on PostgreSQL too. Each on the real app (bench/servers/motcua-app.ts) in a child
// process; the checks after each run count what the server really stored.
import path from 'node:path';
import pg from 'pg';
import { startPgCluster, type PgCluster } from '../test/support/pg-cluster.js';
import type { RunningServer } from './child-server.js';
import { appSpec, countStatus, filing, lifecycle, session, withApp, type Session } from './dossier-journeys.js';
import { intakeAgainstBaseline } from './intake-scenario.js';
import { measureSequences, type SequenceFigures } from './lifecycle-load.js';
import { measurePaced } from './paced-load.js';
import { measure, type ScenarioResult } from './load.js';
import type { FixtureInfo } from './scale-fixture.js';
import { scale } from './scale-scenarios.js';
import type { ScenarioEnv } from './scenarios.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DossierFigure {
  readonly scenario: 'intake-baseline' | 'intake-online' | 'lifecycle' | 'public-lookup' | 'scale-intake-fresh' | 'scale-intake-online' | 'scale-lifecycle-fresh' | 'scale-lifecycle' | 'scale-staff-search-fresh' | 'scale-staff-search';
  readonly dialect: DialectName;
  readonly description: string;
  /** req/s (intake, lookup) or lifecycles/s. */
  readonly perSecond: number;
  readonly unit: 'req/s' | 'lifecycles/s';
  readonly p50: number;
  readonly p99: number;
  readonly ok: number;
  readonly failed: number;
  readonly notes: string[];
}

export interface DossierRun {
  readonly figures: DossierFigure[];
  fixture?: FixtureInfo & { builtThisRun: boolean };
  notes: string[];
}

/** Online submission (no login, JSON only, submit at once): one dossier + two events per request. */
async function intakeOnline(env: ScenarioEnv, s: Session, scenario: DossierFigure['scenario'], dialect: DialectName, description: string, serverPid: number): Promise<DossierFigure> {
  const before = await countStatus(s, 'submitted');
  const body = JSON.stringify({ ...filing(s, 1), submit: true });
  const result: ScenarioResult = await measure(`${scenario} [${dialect}]`, description, { url: `${s.url}/api/v1/public/dossiers`, method: 'POST', body }, env.settings, serverPid);
  const stored = (await countStatus(s, 'submitted')) - before;
  const runs = env.settings.warmupSeconds > 0 ? 2 : 1;
  const extra = stored - result.all2xx;
  const ok = extra >= 0 && extra <= runs * env.settings.connections;
  return {
    scenario,
    dialect,
    description,
    perSecond: result.reqPerSecMean,
    unit: 'req/s',
    p50: result.latencyP50,
    p99: result.latencyP99,
    ok: result.total2xx,
    failed: result.non2xx + result.errors,
    notes: [...result.notes, `${ok ? 'ok' : 'MISMATCH'}: ${stored} submitted dossiers stored for ${result.all2xx} 2xx answers (warm-up included)`],
  };
}

async function lifecycles(env: ScenarioEnv, s: Session, dialect: DialectName, codes: string[], serverPid: number): Promise<DossierFigure> {
  const concurrency = env.settings.lifecycleConcurrency;
  process.stdout.write(`  lifecycle [${dialect}]: ${concurrency} concurrent sequences, warm-up ${env.settings.warmupSeconds} s, measuring ${env.settings.seconds} s… `);
  const before = await countStatus(s, 'returned');
  let n = 0;
  const figures: SequenceFigures = await measureSequences(() => lifecycle(s, n++, codes), { concurrency, seconds: env.settings.seconds, warmupSeconds: env.settings.warmupSeconds, serverPid });
  const returned = (await countStatus(s, 'returned')) - before;
  const cpuMs = figures.serverCpuSeconds === null || figures.completed === 0 ? null : (1000 * figures.serverCpuSeconds) / figures.completed;
  const cpu = cpuMs === null ? '' : `, ${cpuMs.toFixed(2)} ms of server CPU each`;
  console.log(`${figures.perSecond.toFixed(0)} lifecycles/s, p99 ${figures.p99.toFixed(0)} ms, failed ${figures.failed}${cpu}`);
  const notes = [`${returned} dossiers returned in the database for ${n} lifecycles started (warm-up included; failed: ${figures.failed})`];
  if (cpuMs !== null) notes.push(`the MotCua process used ${cpuMs.toFixed(2)} ms of CPU per lifecycle during the measured run (all its threads${dialect === 'postgres' ? '; PostgreSQL’s own processes not included' : ''}: the figure that moves with the CPU’s speed but not with the disk’s latency)`);
  for (const failure of figures.failures) notes.push(`failure: ${failure}`);
  return {
    scenario: 'lifecycle',
    dialect,
    description: `${concurrency} concurrent lifecycles, 5 requests each, own fetch loop (keep-alive)`,
    perSecond: figures.perSecond,
    unit: 'lifecycles/s',
    p50: figures.p50,
    p99: figures.p99,
    ok: figures.completed,
    failed: figures.failed,
    notes,
  };
}

async function publicLookup(env: ScenarioEnv, s: Session, codes: readonly string[], server: RunningServer): Promise<DossierFigure> {
  if (codes.length === 0) throw new Error('no dossier codes to look up');
  let i = 0;
  const nextUrl = () => `${s.url}/api/v1/public/dossiers/lookup/${encodeURIComponent(codes[i++ % codes.length]!)}`;
  const rate = env.settings.lookupRate;
  const connections = 20;
  process.stdout.write(`  public-lookup [sqlite]: ${rate} req/s paced, warm-up ${env.settings.warmupSeconds} s, measuring ${env.settings.seconds} s… `);
  const figures = await measurePaced({ nextUrl, rate, connections }, { seconds: env.settings.seconds, warmupSeconds: env.settings.warmupSeconds, beforeMeasuring: () => server.loopDelay() });
  const loop = await server.loopDelay();
  const blocked = `${loop ? `, the server's event loop blocked up to ${loop.maxMs.toFixed(1)} ms` : ''}, the driver's ${figures.driverBlockedMs.toFixed(1)} ms`;
  console.log(`${figures.perSecond.toFixed(0)} req/s, p99 ${figures.p99.toFixed(1)} ms, max ${figures.max.toFixed(1)} ms, failed ${figures.failed}${blocked}`);
  return {
    scenario: 'public-lookup',
    dialect: 'sqlite',
    description: `${rate} req/s paced evenly (open loop, latency from each request's due instant; up to ${connections} keep-alive connections), over ${codes.length} codes`,
    perSecond: figures.perSecond,
    unit: 'req/s',
    p50: figures.p50,
    p99: figures.p99,
    ok: figures.ok,
    failed: figures.failed,
    notes: [
      `slowest answer ${figures.max.toFixed(1)} ms`,
      ...(loop ? [`the server's own event loop during the measured run: delay p99 ${loop.p99Ms.toFixed(1)} ms, at most ${loop.maxMs.toFixed(1)} ms (garbage collection and synchronous SQLite reads show here; a slow answer without it waited elsewhere)`] : []),
      `the load driver's own event loop was blocked at most ${figures.driverBlockedMs.toFixed(1)} ms (requests it sent late count as slow)`,
      ...figures.failures.map((f) => `failure: ${f}`),
    ],
  };
}

export function wants(env: ScenarioEnv, name: string): boolean {
  return env.settings.only === null || env.settings.only.includes(name);
}

/** SQLite: intake, lifecycle and lookup on a fresh seeded database, then intake on the 1M fixture. */
export async function dossiersSqlite(env: ScenarioEnv, run: DossierRun): Promise<void> {
  if (['intake', 'lifecycle', 'lookup'].some((n) => wants(env, n))) await freshSqlite(env, run);
  if (wants(env, 'scale')) await scale(env, run);
}

async function freshSqlite(env: ScenarioEnv, run: DossierRun): Promise<void> {
  await withApp(appSpec(env, { BENCH_DB_FILE: path.join(env.tmpDir, 'motcua-dossiers.db') }), env, async (server) => {
    const s = await session(server.url);
    if (wants(env, 'intake')) run.figures.push(...(await intakeAgainstBaseline(env, s, server)));
    const codes: string[] = [];
    if (wants(env, 'lifecycle') || wants(env, 'lookup')) run.figures.push(await lifecycles(env, s, 'sqlite', codes, server.pid));
    if (wants(env, 'lookup')) run.figures.push(await publicLookup(env, s, codes, server));
  });
}

async function createPgDatabase(cluster: PgCluster, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.toString();
}

/** PostgreSQL: a throwaway cluster (fsync on, as the tests start it), intake and lifecycle. */
export async function dossiersPostgres(env: ScenarioEnv, run: DossierRun, onCluster: (cluster: PgCluster | null) => void): Promise<void> {
  if (!wants(env, 'pg')) return;
  let cluster: PgCluster;
  try {
    cluster = await startPgCluster();
  } catch (error) {
    run.notes.push(`PostgreSQL figures skipped: ${(error as Error).message.split('\n')[0]}`);
    return;
  }
  onCluster(cluster);
  try {
    const url = await createPgDatabase(cluster, 'motcua_bench');
    await withApp(appSpec(env, { BENCH_DATABASE_URL: url, BENCH_DB_FILE: 'unused' }), env, async (server) => {
      const s = await session(server.url);
      run.figures.push(await intakeOnline(env, s, 'intake-online', 'postgres', 'POST /api/v1/public/dossiers, submit: true (a fresh database)', server.pid));
      run.figures.push(await lifecycles(env, s, 'postgres', [], server.pid));
    });
  } finally {
    cluster.stop();
    onCluster(null);
  }
}
