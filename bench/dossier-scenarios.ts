// Dossier scenarios (issue 4): online intake against the naive durable write, whole lifecycles per second,
// the public lookup's latency at a fixed rate, and intake with 1,000,000 dossiers stored — on SQLite, and
// intake and lifecycle on PostgreSQL too. Each on the real app (bench/servers/motcua-app.ts) in a child
// process; the checks after each run count what the server really stored.
import path from 'node:path';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/demo/demo-data.js';
import { startPgCluster, type PgCluster } from '../test/support/pg-cluster.js';
import { startServer, type RunningServer, type ServerSpec } from './child-server.js';
import { call, getPolitely, measureSequences, politely, type SequenceFigures } from './lifecycle-load.js';
import { measurePaced } from './paced-load.js';
import { measureInterleaved, type SideFigures } from './interleaved-load.js';
import { measure, type LoadTarget, type ScenarioResult } from './load.js';
import { buildScaleFixture, readFixtureInfo, type FixtureInfo } from './scale-fixture.js';
import type { ScenarioEnv } from './scenarios.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DossierFigure {
  readonly scenario: 'intake-online' | 'lifecycle' | 'public-lookup' | 'scale-intake-fresh' | 'scale-intake-online';
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

const DESK_CODE = '001.21.45.H01'; // Cần Đăng commune's desk: desk officer, specialist and leader accounts
const BIRTH = '1.001193';

interface Session {
  readonly url: string;
  readonly desk: string;
  readonly specialist: string;
  readonly leader: string;
  readonly deskUnitId: string;
  readonly components: ReadonlyArray<{ code: string; originals: number; copies: number }>;
}

async function login(url: string, username: string): Promise<string> {
  // Just after start the server may still shed load (its first seconds build caches and certificates).
  const response = await politely(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) }, 4);
  await response.arrayBuffer();
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (response.status !== 200 || !cookie) throw new Error(`login ${username} answered ${response.status}`);
  return cookie;
}

async function session(url: string): Promise<Session> {
  const units = await getPolitely<{ items: Array<{ id: string; code: string }> }>(`${url}/api/v1/units?q=${encodeURIComponent(DESK_CODE)}&includeClosed=true`);
  const desk = units.items.find((u) => u.code === DESK_CODE);
  if (!desk) throw new Error('demo desk not found');
  const procedure = await getPolitely<{ cases: Array<{ code: string; components: Array<{ code: string }> }> }>(`${url}/api/v1/procedures/${BIRTH}`);
  const components = procedure.cases.find((c) => c.code === 'TH1')!.components.map((c) => ({ code: c.code, originals: 1, copies: 0 }));
  return { url, desk: await login(url, 'candang.motcua'), specialist: await login(url, 'candang.chuyenvien'), leader: await login(url, 'candang.lanhdao'), deskUnitId: desk.id, components };
}

function filing(s: Session, n: number) {
  return {
    procedureCode: BIRTH,
    caseCode: 'TH1',
    receivingUnitId: s.deskUnitId,
    applicant: { kind: 'person', name: 'Lê Văn Tám', idNumber: `0890900${String(n % 100_000).padStart(5, '0')}`, address: 'Ấp An Thái, xã Cần Đăng', phone: '0987654321', email: null },
    subject: 'Đăng ký khai sinh cho con',
    components: s.components,
    resultDelivery: 'counter',
  };
}

async function countStatus(s: Session, status: string): Promise<number> {
  return (await getPolitely<{ total: number }>(`${s.url}/api/v1/dossiers?status=${status}&limit=1`, s.desk)).total;
}

/** Online submission (no login, JSON only, submit at once): one dossier + two events per request. */
async function intakeOnline(env: ScenarioEnv, s: Session, scenario: DossierFigure['scenario'], dialect: DialectName, description: string): Promise<DossierFigure> {
  const before = await countStatus(s, 'submitted');
  const body = JSON.stringify({ ...filing(s, 1), submit: true });
  const result: ScenarioResult = await measure(`${scenario} [${dialect}]`, description, { url: `${s.url}/api/v1/public/dossiers`, method: 'POST', body }, env.settings);
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

/** Counter intake with receipt → take up and complete the appraisal → the leader approves → return. */
async function lifecycle(s: Session, n: number, codes: string[]): Promise<void> {
  type Dossier = { id: string; code: string; status: string; tasks: Array<{ id: string; stepKey: string; status: string }> };
  const active = (d: Dossier, key: string) => d.tasks.find((t) => t.stepKey === key && t.status === 'active')!.id;
  const base = `${s.url}/api/v1/dossiers`;
  let d = await call<Dossier>(base, { cookie: s.desk, body: { ...filing(s, n), channel: 'in_person', outcome: { kind: 'receive' } } }, 201);
  const appraise = active(d, 'appraise');
  await call(`${base}/${d.id}/tasks/${appraise}/assign`, { cookie: s.specialist, body: {} }, 200);
  d = await call<Dossier>(`${base}/${d.id}/tasks/${appraise}/complete`, { cookie: s.specialist, body: { note: 'Hồ sơ hợp lệ' } }, 200);
  d = await call<Dossier>(`${base}/${d.id}/tasks/${active(d, 'approve')}/complete`, { cookie: s.leader, body: { decision: { outcome: 'approved', note: null, documents: [{ name: 'Giấy khai sinh', number: null, attachmentId: null }] } } }, 200);
  d = await call<Dossier>(`${base}/${d.id}/return`, { cookie: s.desk, body: { method: 'counter' } }, 200);
  if (d.status !== 'returned') throw new Error(`lifecycle ended in ${d.status}`);
  if (codes.length < 2000) codes.push(d.code);
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

async function publicLookup(env: ScenarioEnv, s: Session, codes: readonly string[]): Promise<DossierFigure> {
  if (codes.length === 0) throw new Error('no dossier codes to look up');
  let i = 0;
  const nextUrl = () => `${s.url}/api/v1/public/dossiers/lookup/${encodeURIComponent(codes[i++ % codes.length]!)}`;
  const rate = env.settings.lookupRate;
  const connections = 20;
  process.stdout.write(`  public-lookup [sqlite]: ${rate} req/s paced, warm-up ${env.settings.warmupSeconds} s, measuring ${env.settings.seconds} s… `);
  const figures = await measurePaced({ nextUrl, rate, connections }, { seconds: env.settings.seconds, warmupSeconds: env.settings.warmupSeconds });
  console.log(`${figures.perSecond.toFixed(0)} req/s, p99 ${figures.p99.toFixed(1)} ms, max ${figures.max.toFixed(1)} ms, failed ${figures.failed}`);
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
    notes: [`slowest answer ${figures.max.toFixed(1)} ms`, ...figures.failures.map((f) => `failure: ${f}`)],
  };
}

function appSpec(env: ScenarioEnv, extra: Record<string, string>): ServerSpec {
  return { script: 'motcua-app.ts', readyPath: '/ready', startTimeoutMs: 180_000, env: { BENCH_LOG_LEVEL: env.settings.motcuaLogLevel, ...extra } };
}

async function withApp<T>(spec: ServerSpec, env: ScenarioEnv, body: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await startServer(spec, env.serverCpu);
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
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
    if (wants(env, 'intake')) run.figures.push(await intakeOnline(env, s, 'intake-online', 'sqlite', 'POST /api/v1/public/dossiers, submit: true (a fresh database)'));
    const codes: string[] = [];
    if (wants(env, 'lifecycle') || wants(env, 'lookup')) run.figures.push(await lifecycles(env, s, 'sqlite', codes, server.pid));
    if (wants(env, 'lookup')) run.figures.push(await publicLookup(env, s, codes));
  });
}

async function scale(env: ScenarioEnv, run: DossierRun): Promise<void> {
  const file = env.settings.scaleFile;
  let info = readFixtureInfo(file);
  let builtThisRun = false;
  if (!info || info.dossiers < env.settings.scaleDossiers) {
    console.log(`  scale: building the fixture ${file} (${env.settings.scaleDossiers.toLocaleString('en-US')} dossiers; reused by later runs)…`);
    info = await buildScaleFixture(file, env.settings.scaleDossiers, (line) => console.log(line));
    builtThisRun = true;
  }
  run.fixture = { ...info, builtThisRun };
  // The fixture's server and a fresh database's, both up at once, measured in alternating slots
  // (bench/interleaved-load.ts): the ratio is between two figures taken in the same minute.
  const fixtureSpec = appSpec(env, { BENCH_DATABASE_URL: `sqlite:${file}` });
  const freshSpec = appSpec(env, { BENCH_DB_FILE: path.join(env.tmpDir, 'motcua-scale-fresh.db') });
  await withApp(freshSpec, env, (freshServer) =>
    withApp(fixtureSpec, env, async (fixtureServer) => {
      const fresh = await session(freshServer.url);
      const scaled = await session(fixtureServer.url);
      const stored = await Promise.all([countStatus(fresh, 'submitted'), countStatus(scaled, 'submitted')]);
      const target = (s: Session): LoadTarget => ({ url: `${s.url}/api/v1/public/dossiers`, method: 'POST', body: JSON.stringify({ ...filing(s, 1), submit: true }) });
      process.stdout.write(`  scale-intake-online [sqlite]: warm-up ${env.settings.warmupSeconds} s each, then fresh (A) and 1M (B) in alternating slots: `);
      const figures = await measureInterleaved({ ...target(fresh), pid: freshServer.pid }, { ...target(scaled), pid: fixtureServer.pid }, env.settings, 2, (text) => process.stdout.write(text));
      console.log(`→ ratio ${figures.ratio.toFixed(2)} (pairs ${figures.pairRatios.map((r) => r.toFixed(2)).join(', ')})`);
      const slots = `${figures.slots.length} alternating slots of ${figures.slots[0]!.seconds.toFixed(1)} s (A B B A, twice) after a ${env.settings.warmupSeconds} s warm-up of each`;
      const pairs = `b/a by adjacent pair of slots: ${figures.pairRatios.map((r) => r.toFixed(2)).join(', ')}; over all slots ${figures.ratio.toFixed(2)}`;
      const cpu = (side: SideFigures) => (side.cpuMsPerAnswer === null ? [] : [`the server process used ${side.cpuMsPerAnswer.toFixed(3)} ms of CPU per answer during its slots (all threads)`]);
      const check = async (s: Session, before: number, side: SideFigures) => {
        const written = (await countStatus(s, 'submitted')) - before;
        const extra = written - side.all2xx;
        const ok = extra >= 0 && extra <= (1 + figures.slots.length) * env.settings.connections;
        return `${ok ? 'ok' : 'MISMATCH'}: ${written} submitted dossiers stored for ${side.all2xx} 2xx answers (warm-up included)`;
      };
      const figure = (scenario: 'scale-intake-fresh' | 'scale-intake-online', description: string, side: SideFigures, notes: string[]): DossierFigure => ({
        scenario,
        dialect: 'sqlite',
        description,
        perSecond: side.perSecond,
        unit: 'req/s',
        p50: side.p50,
        p99: side.p99,
        ok: side.ok,
        failed: side.failed,
        notes: side.warmupProblems > 0 ? [...notes, `warm-up had ${side.warmupProblems} non-2xx answers or errors`] : notes,
      });
      run.figures.push(
        figure('scale-intake-fresh', `A: the same intake on a fresh database, measured alternately with B (${slots}; p99 the worst slot's)`, figures.a, [await check(fresh, stored[0]!, figures.a), ...cpu(figures.a)]),
        figure('scale-intake-online', `B: the same intake with the ${info.dossiers.toLocaleString('en-US')}-dossier fixture stored (plus what earlier runs added), alternately with A`, figures.b, [await check(scaled, stored[1]!, figures.b), pairs, ...cpu(figures.b)]),
      );
    }),
  );
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
      run.figures.push(await intakeOnline(env, s, 'intake-online', 'postgres', 'POST /api/v1/public/dossiers, submit: true (a fresh database)'));
      run.figures.push(await lifecycles(env, s, 'postgres', [], server.pid));
    });
  } finally {
    cluster.stop();
    onCluster(null);
  }
}
