// What the dossier scenarios share: signing in as the Cần Đăng desk's three officers on a MotCua server, a
// birth-registration filing, counting dossiers by status through the staff search, one whole lifecycle,
// and the child-process server running the real app.
import { DEMO_PASSWORD } from '../src/demo/demo-data.js';
import { startServer, type RunningServer, type ServerSpec } from './child-server.js';
import { call, getPolitely, politely } from './lifecycle-load.js';
import type { ScenarioEnv } from './scenarios.js';

export const DESK_CODE = '001.21.45.H01'; // Cần Đăng commune's desk: desk officer, specialist and leader accounts
export const BIRTH = '1.001193';

export interface Session {
  readonly url: string;
  readonly desk: string;
  readonly specialist: string;
  readonly leader: string;
  readonly deskUnitId: string;
  readonly components: ReadonlyArray<{ code: string; originals: number; copies: number }>;
}

export async function login(url: string, username: string): Promise<string> {
  // Just after start the server may still shed load (its first seconds build caches and certificates).
  const response = await politely(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) }, 4);
  await response.arrayBuffer();
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (response.status !== 200 || !cookie) throw new Error(`login ${username} answered ${response.status}`);
  return cookie;
}

export async function session(url: string): Promise<Session> {
  const units = await getPolitely<{ items: Array<{ id: string; code: string }> }>(`${url}/api/v1/units?q=${encodeURIComponent(DESK_CODE)}&includeClosed=true`);
  const desk = units.items.find((u) => u.code === DESK_CODE);
  if (!desk) throw new Error('demo desk not found');
  const procedure = await getPolitely<{ cases: Array<{ code: string; components: Array<{ code: string }> }> }>(`${url}/api/v1/procedures/${BIRTH}`);
  const components = procedure.cases.find((c) => c.code === 'TH1')!.components.map((c) => ({ code: c.code, originals: 1, copies: 0 }));
  return { url, desk: await login(url, 'candang.motcua'), specialist: await login(url, 'candang.chuyenvien'), leader: await login(url, 'candang.lanhdao'), deskUnitId: desk.id, components };
}

export function filing(s: Session, n: number) {
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

export async function countStatus(s: Session, status: string): Promise<number> {
  return (await getPolitely<{ total: number }>(`${s.url}/api/v1/dossiers?status=${status}&limit=1`, s.desk)).total;
}

/** Counter intake with receipt → take up and complete the appraisal → the leader approves → return; keeps the first `keepCodes` codes. */
export async function lifecycle(s: Session, n: number, codes: string[], keepCodes = 2000): Promise<void> {
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
  if (codes.length < keepCodes) codes.push(d.code);
}

export function appSpec(env: ScenarioEnv, extra: Record<string, string>): ServerSpec {
  return { script: 'motcua-app.ts', readyPath: '/ready', startTimeoutMs: 180_000, env: { BENCH_LOG_LEVEL: env.settings.motcuaLogLevel, ...extra } };
}

export async function withApp<T>(spec: ServerSpec, env: ScenarioEnv, body: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await startServer(spec, env.serverCpu);
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}
