// The benchmark scenarios. Each starts its server(s) in a child process, measures, checks what the
// server did (rows really written), and stops the server even when the measurement fails.
import path from 'node:path';
import { DEMO_PASSWORD } from '../src/demo/demo-data.js';
import { startServer, type RunningServer, type ServerSpec } from './child-server.js';
import { measure, type ScenarioResult } from './load.js';
import type { BenchSettings } from './settings.js';

export interface ScenarioEnv {
  readonly settings: BenchSettings;
  /** Fresh temporary directory for this run's SQLite files. */
  readonly tmpDir: string;
  /** CPU to pin servers to, or null. */
  readonly serverCpu: number | null;
}

async function withServer<T>(spec: ServerSpec, env: ScenarioEnv, body: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await startServer(spec, env.serverCpu);
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}

async function getJson<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

/**
 * Rows written vs 2xx answers seen. autocannon stops with requests in flight whose answers it does not
 * count, so each run (warm-up, measured) may leave up to connections × pipelining more rows than 2xx.
 */
function rowsNote(rows: number, result: ScenarioResult, settings: BenchSettings, what: string): string {
  const runs = settings.warmupSeconds > 0 ? 2 : 1;
  const extra = rows - result.all2xx;
  const ok = extra >= 0 && extra <= runs * settings.connections * settings.pipelining;
  return `${ok ? 'ok' : 'MISMATCH'}: ${rows} ${what} for ${result.all2xx} 2xx answers (warm-up included; in-flight requests at the end of a run are written but not counted)`;
}

async function checkRows(server: RunningServer, result: ScenarioResult, settings: BenchSettings): Promise<void> {
  const { body } = await getJson<{ rows: number }>(`${server.url}/count`);
  result.notes.push(rowsNote(body.rows, result, settings, 'rows in the database'));
}

export async function baselineRead(env: ScenarioEnv): Promise<ScenarioResult> {
  return withServer({ script: 'baseline-read.ts', readyPath: '/' }, env, (server) =>
    measure('baseline-read', 'bare Fastify 5, GET of a small JSON object', { url: `${server.url}/` }, env.settings),
  );
}

export async function baselineDurableWrite(env: ScenarioEnv): Promise<ScenarioResult> {
  const spec = { script: 'baseline-durable-write.ts', readyPath: '/count', env: { BENCH_DB_FILE: path.join(env.tmpDir, 'baseline-write.db') } };
  return withServer(spec, env, async (server) => {
    const result = await measure('baseline-durable-write', 'bare Fastify 5 + better-sqlite3, one INSERT + COMMIT (fsync) per request', { url: `${server.url}/write`, method: 'POST' }, env.settings, server.pid);
    await checkRows(server, result, env.settings);
    return result;
  });
}

export async function motcuaDurableWrite(env: ScenarioEnv): Promise<ScenarioResult> {
  const spec = { script: 'motcua-durable-write.ts', readyPath: '/count', env: { BENCH_DB_FILE: path.join(env.tmpDir, 'motcua-write.db') } };
  return withServer(spec, env, async (server) => {
    const result = await measure('motcua-durable-write', 'openDatabase + runInWriteTx (group commit), one audit_log row per request', { url: `${server.url}/write`, method: 'POST' }, env.settings);
    await checkRows(server, result, env.settings);
    return result;
  });
}

interface UnitDto {
  id: string;
  code: string;
}

/** The real app: the read scenario, then (optionally) the write through the API, on one seeded server. */
export async function motcuaApp(env: ScenarioEnv): Promise<ScenarioResult[]> {
  const spec: ServerSpec = {
    script: 'motcua-app.ts',
    readyPath: '/ready',
    startTimeoutMs: 60_000, // migrations + demo seed (argon2 hashes for a dozen accounts)
    env: { BENCH_DB_FILE: path.join(env.tmpDir, 'motcua-app.db'), BENCH_LOG_LEVEL: env.settings.motcuaLogLevel },
  };
  return withServer(spec, env, async (server) => {
    const list = await getJson<{ items: UnitDto[] }>(`${server.url}/api/v1/units?limit=100`);
    // The province: the root of the demo hierarchy and the parent the API-write scenario creates under.
    const province = list.body.items.find((unit) => unit.code === '000.00.00.H01');
    if (list.status !== 200 || !province) throw new Error(`demo data not found (GET /api/v1/units answered ${list.status})`);
    const unitUrl = `${server.url}/api/v1/units/${province.id}`;
    const probe = await getJson<UnitDto>(unitUrl);
    if (probe.status !== 200) throw new Error(`GET ${unitUrl} answered ${probe.status}`);

    const results = [await measure('motcua-read', 'MotCua buildApp, GET /api/v1/units/:id (demo province)', { url: unitUrl }, env.settings)];
    if (env.settings.apiWrite) {
      const write = await apiWrite(server, province.id, env.settings);
      if (write) results.push(write);
    }
    return results;
  });
}

async function apiWrite(server: RunningServer, parentId: string, settings: BenchSettings): Promise<ScenarioResult | undefined> {
  const login = await getJson<unknown>(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'tinh.quantri', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (login.status !== 200 || !cookie) {
    console.log(`  motcua-api-write: skipped (login answered ${login.status})`);
    return undefined;
  }

  // A unique, valid code per request (^[0-9A-Z]+(\.[0-9A-Z]+)*$, ≤ 35 chars): run tag + counter.
  const runTag = Date.now().toString(36).toUpperCase();
  let counter = 0;
  const nextBody = () => {
    const n = (counter++).toString(36).toUpperCase();
    return JSON.stringify({ code: `BENCH.${runTag}.${n}`, name: `Đơn vị đo tải ${n}`, type: 'department', parentId });
  };
  const created = async () => (await getJson<{ total: number }>(`${server.url}/api/v1/units?parentId=${parentId}&limit=1`)).body.total;

  const headers = { cookie, 'content-type': 'application/json' };
  const probe = await getJson<unknown>(`${server.url}/api/v1/units`, { method: 'POST', headers, body: nextBody() });
  if (probe.status !== 201) {
    console.log(`  motcua-api-write: skipped (probe POST /api/v1/units answered ${probe.status}: ${JSON.stringify(probe.body)})`);
    return undefined;
  }
  const before = await created();
  const result = await measure(
    'motcua-api-write',
    'MotCua buildApp, signed in, POST /api/v1/units (unique code per request)',
    { url: `${server.url}/api/v1/units`, method: 'POST', headers, nextBody },
    settings,
  );
  result.notes.push(rowsNote((await created()) - before, result, settings, 'units created'));
  return result;
}
