// Burst scenario (issue 8, `BENCH_ONLY=burst`): overload is shed, never queued. On the real app (a child
// process, demo data), with a representative mix — the public lookup, procedure search, online intake —:
//   1. capacity: a closed loop of 16 clients, the 2xx answered per second;
//   2. baseline: an open loop at BENCH_BURST_BASE_SHARE of capacity, its p99;
//   3. burst: an open loop at BENCH_BURST_FACTOR × capacity for BENCH_BURST_SECONDS;
//   4. recovery: back to the baseline rate, cut into 250-ms windows by scheduled send time.
// Reported: timeouts (no answer within BENCH_BURST_TIMEOUT_MS; must be 0), answers other than 2xx/429/503
// (must be 0), and the time from the end of the burst until p99 is back within 20% of the baseline's — the
// first window from which four in a row (1 s) have p99 ≤ 1.2 × baseline p99 and nothing shed.
// The load generator is one client from one address: per-client rate limits are turned off for this run
// (they would measure the limiter, not the shedding); event-loop pressure and database admission run with
// the defaults a production server has.
import path from 'node:path';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/demo/demo-data.js';
import { startPgCluster, type PgCluster } from '../test/support/pg-cluster.js';
import { BurstDriver, figuresOf, percentile, SOCKETS, type MixRequest, type Outcome, type PhaseFigures } from './burst-load.js';
import { startServer, type RunningServer } from './child-server.js';
import { call, politely } from './lifecycle-load.js';
import type { ScenarioEnv } from './scenarios.js';

const DESK_CODE = '001.21.45.H01';
const BIRTH = '1.001193';
const WINDOW_MS = 250;
/** Clients of the closed loop that measures capacity: enough to keep one process busy (intake waits on fsync). */
const CAPACITY_CLIENTS = 16;
const RECOVERED_WINDOWS = 4;
const SEARCHES = ['khai sinh', 'ket hon', 'dat dai', 'chung thuc ban sao', 'ho kinh doanh', 'xay dung', 'ly lich tu phap', 'khai tu', 'cu tru', 'moi truong', 'giay phep', 'tro cap'];

export interface BurstWindow {
  readonly startMs: number;
  readonly requests: number;
  readonly p99: number;
  readonly shed: number;
  readonly recovered: boolean;
}

export interface BurstRun {
  readonly dialect: 'sqlite' | 'postgres';
  readonly capacity: number;
  readonly baseRate: number;
  readonly burstRate: number;
  readonly baseline: PhaseFigures;
  readonly burst: PhaseFigures;
  readonly recovery: PhaseFigures;
  /** ms from the end of the burst until p99 is back within 20% of the baseline; null: not within the recovery phase. */
  readonly recoveryMs: number | null;
  readonly windows: readonly BurstWindow[];
  readonly notes: string[];
}

interface Fixture {
  readonly codes: readonly string[];
  readonly filing: string;
}

async function prepare(url: string): Promise<Fixture> {
  const login = await politely(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'candang.motcua', password: DEMO_PASSWORD }) }, 20);
  await login.arrayBuffer();
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  await (await politely(`${url}/api/v1/procedures/${BIRTH}`, {}, 20)).arrayBuffer(); // past any start-up shedding
  const units = await call<{ items: Array<{ id: string; code: string }> }>(`${url}/api/v1/units?q=${encodeURIComponent(DESK_CODE)}&includeClosed=true`, { method: 'GET' }, 200);
  const desk = units.items.find((u) => u.code === DESK_CODE)!;
  const procedure = await call<{ cases: Array<{ code: string; components: Array<{ code: string }> }> }>(`${url}/api/v1/procedures/${BIRTH}`, { method: 'GET' }, 200);
  const components = procedure.cases.find((c) => c.code === 'TH1')!.components.map((c) => ({ code: c.code, originals: 1, copies: 0 }));
  const filing = {
    procedureCode: BIRTH,
    caseCode: 'TH1',
    receivingUnitId: desk.id,
    applicant: { kind: 'person', name: 'Lê Văn Tám', idNumber: '089090001122', address: 'Ấp An Thái, xã Cần Đăng', phone: '0987654321', email: null },
    subject: 'Đăng ký khai sinh cho con',
    components,
    resultDelivery: 'counter',
  };
  // Dossiers with codes to look up: received at the counter.
  const codes: string[] = [];
  while (codes.length < 40) {
    const response = await politely(`${url}/api/v1/dossiers`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ ...filing, channel: 'in_person', outcome: { kind: 'receive' } }) }, 20);
    const body = (await response.json()) as { code: string };
    if (response.status !== 201) throw new Error(`counter intake answered ${response.status}: ${JSON.stringify(body)}`);
    codes.push(body.code);
  }
  return { codes, filing: JSON.stringify({ ...filing, submit: true }) };
}

/** 2 lookups, 2 searches, 1 online intake in every 5 requests. */
function mix(fixture: Fixture): () => MixRequest {
  let i = 0;
  return () => {
    const n = i++;
    switch (n % 5) {
      case 0:
      case 2:
        return { method: 'GET', path: `/api/v1/public/dossiers/lookup/${encodeURIComponent(fixture.codes[n % fixture.codes.length]!)}` };
      case 1:
      case 3:
        return { method: 'GET', path: `/api/v1/procedures?q=${encodeURIComponent(SEARCHES[n % SEARCHES.length]!)}` };
      default:
        return { method: 'POST', path: '/api/v1/public/dossiers', body: fixture.filing };
    }
  };
}

function between(outcomes: readonly Outcome[], from: number, to: number): Outcome[] {
  return outcomes.filter((o) => o.at >= from && o.at < to);
}

async function measureBurst(env: ScenarioEnv, server: RunningServer, dialect: BurstRun['dialect']): Promise<BurstRun> {
  const s = env.settings;
  const fixture = await prepare(server.url);
  const driver = new BurstDriver(new URL(server.url), mix(fixture), s.burstTimeoutMs);
  try {
    process.stdout.write(`  burst [${dialect}]: warm-up, `);
    await driver.openSockets();
    await driver.closedLoop(16, Math.max(2, s.warmupSeconds));
    const { perSecond: capacity, shed: capacityShed } = await driver.closedLoop(CAPACITY_CLIENTS, 5);
    const baseRate = Math.max(1, Math.round(capacity * s.burstBaseShare));
    const burstRate = Math.round(capacity * s.burstFactor);
    process.stdout.write(`capacity ${Math.round(capacity)} req/s; baseline ${baseRate} req/s, burst ${burstRate} req/s for ${s.burstSeconds} s… `);

    const b0 = driver.now();
    await driver.openLoop(baseRate, 5);
    const u0 = driver.now();
    // The burst's answers are not awaited: recovery traffic starts when the burst stops sending.
    const burstDone = driver.openLoop(burstRate, s.burstSeconds);
    await new Promise((resolve) => setTimeout(resolve, s.burstSeconds * 1000));
    const r0 = u0 + s.burstSeconds * 1000;
    await driver.openLoop(baseRate, s.burstRecoverySeconds);
    await burstDone;
    const r1 = r0 + s.burstRecoverySeconds * 1000;

    const baseline = figuresOf(between(driver.outcomes, b0, u0));
    const windows: BurstWindow[] = [];
    for (let w = r0; w < r1; w += WINDOW_MS) {
      const inWindow = between(driver.outcomes, w, w + WINDOW_MS);
      const latencies = inWindow.filter((o) => o.status !== 0).map((o) => o.latencyMs).sort((a, b) => a - b);
      const shed = inWindow.filter((o) => o.status === 429 || o.status === 503 || o.status === 0).length;
      const p99 = percentile(latencies, 99);
      windows.push({ startMs: w - r0, requests: inWindow.length, p99, shed, recovered: inWindow.length > 0 && shed === 0 && p99 <= 1.2 * baseline.p99 });
    }
    const first = windows.findIndex((_, i) => windows.length - i >= RECOVERED_WINDOWS && windows.slice(i, i + RECOVERED_WINDOWS).every((x) => x.recovered));
    const run: BurstRun = {
      dialect,
      capacity,
      baseRate,
      burstRate,
      baseline,
      burst: figuresOf(between(driver.outcomes, u0, r0)),
      recovery: figuresOf(between(driver.outcomes, r0, r1 + 1)),
      recoveryMs: first === -1 ? null : windows[first]!.startMs,
      windows,
      notes: [`capacity phase (closed loop, ${CAPACITY_CLIENTS} clients, 5 s): ${capacityShed} answers other than 2xx (shed)`],
    };
    console.log(`burst: ${run.burst.ok2xx} 2xx, ${run.burst.shed503} 503, ${run.burst.shed429} 429, ${run.burst.other} other, ${run.burst.timeouts} timeouts; recovery ${run.recoveryMs === null ? 'not reached' : `${run.recoveryMs} ms`}`);
    return run;
  } finally {
    driver.close();
  }
}

function serverEnv(env: ScenarioEnv, extra: Record<string, string>): Record<string, string> {
  return { BENCH_LOG_LEVEL: env.settings.motcuaLogLevel, RATE_LIMIT_LOGIN: '0', RATE_LIMIT_SEARCH: '0', RATE_LIMIT_EXPORT: '0', RATE_LIMIT_UPLOAD: '0', ...extra };
}

export async function burstScenarios(env: ScenarioEnv, onCluster: (cluster: PgCluster | null) => void): Promise<BurstRun[]> {
  const runs: BurstRun[] = [];
  const spec = (extra: Record<string, string>) => ({ script: 'motcua-app.ts', readyPath: '/ready', startTimeoutMs: 180_000, env: serverEnv(env, extra) });
  const sqlite = await startServer(spec({ BENCH_DB_FILE: path.join(env.tmpDir, 'motcua-burst.db') }), env.serverCpu);
  try {
    runs.push(await measureBurst(env, sqlite, 'sqlite'));
  } finally {
    await sqlite.stop();
  }
  if (!env.settings.burstPostgres) return runs;
  let cluster: PgCluster;
  try {
    cluster = await startPgCluster();
  } catch (error) {
    console.log(`  burst [postgres]: skipped (${(error as Error).message.split('\n')[0]})`);
    return runs;
  }
  onCluster(cluster);
  try {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    await client.query('create database motcua_burst');
    await client.end();
    const url = new URL(cluster.url);
    url.pathname = '/motcua_burst';
    const server = await startServer(spec({ BENCH_DATABASE_URL: url.toString(), BENCH_DB_FILE: 'unused' }), env.serverCpu);
    try {
      runs.push(await measureBurst(env, server, 'postgres'));
    } finally {
      await server.stop();
    }
  } finally {
    cluster.stop();
    onCluster(null);
  }
  return runs;
}

const ms = (value: number) => `${Math.round(value)} ms`;

export function burstMarkdown(runs: readonly BurstRun[], env: ScenarioEnv): string {
  if (runs.length === 0) return '';
  const s = env.settings;
  const lines = [
    '',
    '### Overload: a burst of 5× capacity (`BENCH_ONLY=burst`)',
    '',
    `The real app on demo data; a mix of 2 public lookups, 2 procedure searches and 1 online intake in every 5 requests, sent open-loop (each at its scheduled instant, latency from that instant, over ${SOCKETS} keep-alive connections opened beforehand — as a reverse proxy keeps them; \`bench/burst-load.ts\`). Capacity: 2xx per second of a closed loop of ${CAPACITY_CLIENTS} clients over 5 s. Baseline: ${s.burstBaseShare} × capacity for 5 s. Burst: ${s.burstFactor} × capacity for ${s.burstSeconds} s. Then the baseline rate again for ${s.burstRecoverySeconds} s, in 250-ms windows. A timeout is no answer within ${s.burstTimeoutMs} ms. Recovery: from the end of the burst to the first of four windows in a row (1 s) with p99 ≤ 1.2 × baseline p99 and nothing shed. Per-client rate limits off (one load generator is one client); event-loop pressure and database admission at their defaults. Targets: 0 timeouts, 0 answers other than 2xx/429/503, recovery ≤ 2 s.`,
    '',
    '| database | capacity | baseline rate | baseline p50 / p99 | burst rate | burst requests | 2xx | 503 | 429 | other | timeouts | conn. errors | burst p99 | recovery |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...runs.map((r) => {
      const other = r.burst.other + r.recovery.other + r.baseline.other;
      const timeouts = r.burst.timeouts + r.recovery.timeouts + r.baseline.timeouts;
      const errors = r.burst.errors + r.recovery.errors + r.baseline.errors;
      return `| ${r.dialect} | ${Math.round(r.capacity)} req/s | ${r.baseRate} req/s | ${ms(r.baseline.p50)} / ${ms(r.baseline.p99)} | ${r.burstRate} req/s | ${r.burst.requests} | ${r.burst.ok2xx} | ${r.burst.shed503} | ${r.burst.shed429} | ${other} | ${timeouts} | ${errors} | ${ms(r.burst.p99)} | ${r.recoveryMs === null ? `not within ${s.burstRecoverySeconds} s` : ms(r.recoveryMs)} |`;
    }),
    '',
  ];
  for (const r of runs) {
    const first = r.windows.slice(0, 16).map((w) => `${ms(w.p99)}${w.shed > 0 ? ` (${w.shed} shed)` : ''}`);
    lines.push(`- ${r.dialect}: p99 of the first 4 s of recovery, window by window: ${first.join(', ')}. Recovery phase: ${r.recovery.ok2xx} 2xx, ${r.recovery.shed503} 503, ${r.recovery.shed429} 429, p99 ${ms(r.recovery.p99)}. The driver's own lag (p99, included in the latencies): baseline ${ms(r.baseline.driverLateP99)}, burst ${ms(r.burst.driverLateP99)}, recovery ${ms(r.recovery.driverLateP99)}.${r.burst.otherStatuses.length > 0 ? ` Other statuses: ${r.burst.otherStatuses.join(', ')}.` : ''}`);
    for (const note of r.notes) lines.push(`- ${r.dialect}: ${note}`);
  }
  lines.push('');
  return lines.join('\n');
}
