// The authorization matrix (src/security/authorization-matrix.ts) against the running API, on both
// databases. Every operation of the OpenAPI document must have an entry. Then every operation is sent:
//  1. as every requester with no claim on the objects: anonymous, another citizen (their own draft token),
//     and a desk officer, specialist, leader, administrator and supervisor of another commune (Vĩnh Hanh) —
//     the objects all belong to Cần Đăng or to the province, and the draft to another citizen. What the
//     matrix does not allow must be refused (401/403/404, error model, no personal data), what it allows
//     must not be; every 401/403 must have its `access.refused` audit row (by request id);
//  2. as an owner — the first grant of the entry, held by a Cần Đăng or province account — not refused;
//  3. as a system administrator — every staff operation gets through, a citizen's draft does not.
// Requests carry schema-valid bodies and parameters (generated from the operation's schema, with unit
// references pointed at the other unit), so a refusal comes from the policy, not from validation.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { bindRepositories } from '../src/composition.js';
import { createUnitOfWork } from '../src/db/unit-of-work.js';
import { DEMO_PASSWORD } from '../src/demo/demo-data.js';
import { DEMO_PROCEDURES } from '../src/demo/demo-procedures.js';
import type { Role } from '../src/identity/roles.js';
import { AUTHORIZATION_MATRIX, matrixAllows, type MatrixEntry, type Requester } from '../src/security/authorization-matrix.js';
import { RefusalLog } from '../src/security/refusal-log.js';
import { unitIdByCode } from './support/dossier-requests.js';
import { validValue, type JsonSchema } from './support/schema-arbitraries.js';
import { forEachDialect, type TestApp } from './support/test-app.js';

interface OpenApiOperation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema: JsonSchema }>;
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}
type OpenApi = { paths: Record<string, Record<string, OpenApiOperation>> };

interface Operation {
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly spec: OpenApiOperation;
  readonly entry: MatrixEntry;
}

const SESSION_ENDING = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/logout-all', 'POST /api/v1/auth/password']);
const BIRTH = DEMO_PROCEDURES.birthRegistration;
const APPLICANT = { kind: 'person', name: 'Hứa Thị Kín Đáo', idNumber: '089090777111', address: 'Ấp Hòa Long, xã Cần Đăng', phone: '0987000111', email: null };
/** What must never reach a requester with no claim on the Cần Đăng dossier or the other citizen's draft. */
const SECRETS = [APPLICANT.name, APPLICANT.idNumber, 'Trịnh Văn Riêng Tư', '089090777222'];
const BOUNDARY = '----motcua-matrix';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** The app's log lines, to find the structured line of each refusal. */
const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _encoding, callback) {
    logLines.push(...String(chunk).split('\n').filter((line) => line.includes('access refused')));
    callback();
  },
});

interface Fixtures {
  candangDesk: string;
  candang: string;
  dossierId: string;
  dossierCode: string;
  taskId: string;
  taskRole: Role;
  documentId: string;
  attachmentId: string;
  draftId: string;
  draftToken: string;
  otherToken: string;
  procedureCode: string;
  procedureVersion: number;
  procedureVersionId: string;
  definitionId: string;
  calendarId: string;
  accountId: string;
}

function operationsOf(doc: OpenApi): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, spec]) => {
      const key = `${method.toUpperCase()} ${path}`;
      const entry = AUTHORIZATION_MATRIX.get(key);
      assert.ok(entry, `no authorization matrix entry for ${key}`);
      return { key, method: method.toUpperCase(), path, spec, entry };
    }),
  );
}

function sample<T>(arbitrary: fc.Arbitrary<T>, seed: number): T {
  return fc.sample(arbitrary, { seed, numRuns: 1 })[0]!;
}

async function ok(response: { statusCode: number; body: string }, status = 200, what = '') {
  assert.equal(response.statusCode, status, `${what}: ${response.body.slice(0, 500)}`);
  return JSON.parse(response.body);
}

async function setUp(t: TestApp): Promise<Fixtures> {
  const admin = await t.login('admin');
  const deskCookie = await t.login('candang.motcua');
  const candangDesk = await unitIdByCode(t, '001.21.45.H01');
  const candang = await unitIdByCode(t, '000.21.45.H01');
  const vinhhanh = await unitIdByCode(t, '000.22.45.H01');
  for (const [username, role] of [['vh.chuyenvien', 'specialist'], ['vh.lanhdao', 'leader'], ['vh.giamsat', 'supervisor']] as const) {
    await ok(await t.inject({ method: 'POST', url: '/api/v1/staff', headers: { cookie: admin }, payload: { username, fullName: username, password: DEMO_PASSWORD, roles: [{ unitId: vinhhanh, role }] } }), 201, username);
  }
  const account = await ok(await t.inject({ method: 'POST', url: '/api/v1/staff', headers: { cookie: admin }, payload: { username: 'cd.tam', fullName: 'Cán bộ thử', password: DEMO_PASSWORD, roles: [{ unitId: candangDesk, role: 'desk_officer' }] } }), 201, 'account');

  const procedure = await ok(await t.inject({ method: 'GET', url: `/api/v1/procedures/${BIRTH.code}` }));
  const components = procedure.cases[0].components.map((c: { code: string }) => ({ code: c.code, originals: 1, copies: 0 }));
  const filing = { procedureCode: BIRTH.code, caseCode: BIRTH.caseCode, receivingUnitId: candangDesk, applicant: APPLICANT, subject: 'Đăng ký khai sinh', components, resultDelivery: 'counter' };
  const dossier = await ok(await t.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { cookie: deskCookie }, payload: { ...filing, channel: 'in_person', outcome: { kind: 'receive' } } }), 201, 'intake');
  const task = dossier.tasks.find((x: { status: string }) => x.status === 'active');
  const documents = await ok(await t.inject({ method: 'GET', url: `/api/v1/dossiers/${dossier.id}/documents`, headers: { cookie: deskCookie } }), 200, 'documents');
  const upload = await t.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${dossier.id}/attachments`,
    headers: { cookie: deskCookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="to-khai.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
  });
  const attachment = await ok(upload, 201, 'upload');
  const draft = await ok(await t.inject({ method: 'POST', url: '/api/v1/public/dossiers', payload: { ...filing, submit: false } }), 201, 'draft A');
  const other = await ok(
    await t.inject({ method: 'POST', url: '/api/v1/public/dossiers', payload: { ...filing, applicant: { ...APPLICANT, name: 'Trịnh Văn Riêng Tư', idNumber: '089090777222' }, submit: false } }),
    201,
    'draft B',
  );
  const procedureDraft = await ok(await t.inject({ method: 'POST', url: `/api/v1/procedures/${DEMO_PROCEDURES.certifiedCopy.code}/versions`, headers: { cookie: admin } }), 201, 'procedure draft');
  const definitions = await ok(await t.inject({ method: 'GET', url: '/api/v1/process-definitions', headers: { cookie: admin } }));
  const calendar = await ok(await t.inject({ method: 'POST', url: '/api/v1/calendar', headers: { cookie: await t.login('candang.quantri') }, payload: { unitId: candangDesk, name: 'Lịch xã Cần Đăng' } }), 201, 'calendar');
  return {
    candangDesk,
    candang,
    dossierId: dossier.id,
    dossierCode: dossier.code,
    taskId: task.id,
    taskRole: task.role,
    documentId: documents.items[0].id,
    attachmentId: attachment.id,
    draftId: draft.dossier.id,
    draftToken: draft.draftToken,
    otherToken: other.draftToken,
    procedureCode: DEMO_PROCEDURES.certifiedCopy.code,
    procedureVersion: procedureDraft.version,
    procedureVersionId: procedureDraft.id,
    definitionId: definitions.items[0].id,
    calendarId: calendar.id,
    accountId: account.id,
  };
}

function pathParam(op: Operation, name: string, fx: Fixtures): string {
  if (op.path.startsWith('/api/v1/public/dossiers/lookup')) return fx.dossierCode;
  if (op.path.startsWith('/api/v1/public/dossiers')) return fx.draftId;
  if (op.path.startsWith('/api/v1/units')) return fx.candangDesk;
  if (op.path.startsWith('/api/v1/staff')) return fx.accountId;
  if (op.path.startsWith('/api/v1/calendar')) return name === 'year' ? '2026' : fx.calendarId;
  if (op.path.startsWith('/api/v1/procedures/versions')) return fx.procedureVersionId;
  if (op.path.startsWith('/api/v1/procedures')) return name === 'version' ? String(fx.procedureVersion) : fx.procedureCode;
  if (op.path.startsWith('/api/v1/process-definitions')) return fx.definitionId;
  if (op.path.startsWith('/api/v1/reports')) return 'ii06a';
  if (op.path.startsWith('/api/v1/documents')) return fx.documentId;
  if (op.path.startsWith('/api/v1/attachments')) return fx.attachmentId;
  if (name === 'taskId') return fx.taskId;
  if (name === 'attachmentId') return fx.attachmentId;
  if (name === 'form') return '01';
  if (name === 'code') return fx.dossierCode;
  return fx.dossierId;
}

/** Unit references point at the Cần Đăng desk (reports at the commune, whose leader reads them). */
function retarget(op: Operation, value: unknown, fx: Fixtures): unknown {
  const unit = op.path.startsWith('/api/v1/reports') ? fx.candang : fx.candangDesk;
  const fixed: Record<string, unknown> = {
    unitId: unit,
    receivingUnitId: fx.candangDesk,
    parentId: fx.candangDesk,
    communeUnitId: null,
    roles: [{ unitId: fx.candangDesk, role: 'specialist' }],
    isSystemAdmin: false,
    username: op.key === 'POST /api/v1/auth/login' ? 'tinh.motcua' : 'nguoi.moi',
    password: op.key === 'POST /api/v1/auth/login' ? DEMO_PASSWORD : 'mat-khau-rat-dai',
    currentPassword: DEMO_PASSWORD,
    newPassword: DEMO_PASSWORD,
    period: '2026',
    effectiveFrom: '2027-01-01',
    validFrom: '2027-01-01',
    groupBy: 'none',
    procedureCode: BIRTH.code,
    caseCode: BIRTH.caseCode,
    attachmentIds: [],
    component: 'GT_TK',
    implementingUnitIds: [fx.candangDesk],
  };
  if (Array.isArray(value)) return value.map((v) => retarget(op, v, fx));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k in fixed ? fixed[k] : retarget(op, v, fx)]));
  return value;
}

function requestFor(op: Operation, fx: Fixtures, seed: number) {
  let url = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(pathParam(op, name, fx)));
  const query: Record<string, string> = {};
  for (const p of op.spec.parameters ?? []) {
    if (p.in !== 'query' || !(p.required || ['unitId', 'period', 'year'].includes(p.name))) continue;
    const value = (retarget(op, { [p.name]: sample(validValue(p.schema), seed) }, fx) as Record<string, unknown>)[p.name];
    query[p.name] = p.name === 'year' ? '2026' : String(value);
  }
  const search = new URLSearchParams(query).toString();
  if (search) url += `?${search}`;
  const headers: Record<string, string> = {};
  let payload: string | Buffer | undefined;
  const json = op.spec.requestBody?.content['application/json']?.schema;
  if (op.key === 'POST /api/v1/units/import') {
    headers['content-type'] = 'text/csv';
    payload = 'code,name,type,parentCode,validFrom\n000.99.45.H01,Ấp thử,commune,001.21.45.H01,2026-01-01\n';
  } else if (op.key === 'POST /api/v1/dossiers/import') {
    headers['content-type'] = 'application/x-ndjson';
    payload = '{}\n';
  } else if (op.key === 'POST /api/v1/attachments' || op.key === 'POST /api/v1/dossiers/{id}/attachments' || op.key === 'POST /api/v1/public/dossiers/{id}/attachments') {
    headers['content-type'] = `multipart/form-data; boundary=${BOUNDARY}`;
    payload = Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
  } else if (json) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(retarget(op, sample(validValue(json), seed), fx));
  }
  return { method: op.method as 'GET', url, headers, payload };
}

interface Tally {
  cases: number;
  refusals: number;
  allowed: number;
  loggedRefusals: Map<string, string>;
}

async function send(t: TestApp, op: Operation, fx: Fixtures, requestId: string, auth: { cookie?: string; token?: string }, seed: number) {
  const request = requestFor(op, fx, seed);
  const headers: Record<string, string> = { ...request.headers, 'x-request-id': requestId };
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.token) headers['x-draft-token'] = auth.token;
  return t.inject({ ...request, headers, ...(request.payload !== undefined ? { payload: request.payload } : {}) });
}

function check(op: Operation, who: string, allowed: boolean, response: { statusCode: number; body: string }, requestId: string, tally: Tally, secretsMustStayOut: boolean) {
  const context = `${who} ${op.key} → ${response.statusCode} ${response.body.slice(0, 300)}`;
  tally.cases++;
  assert.ok(response.statusCode < 500, context);
  if (secretsMustStayOut) for (const secret of SECRETS) assert.ok(!response.body.includes(secret), `${context}: leaks ${secret}`);
  if (allowed) {
    tally.allowed++;
    assert.ok(![401, 403].includes(response.statusCode), `the matrix allows it, the API refused: ${context}`);
    return;
  }
  tally.refusals++;
  assert.ok([401, 403, 404].includes(response.statusCode), `the matrix refuses it, the API did not: ${context}`);
  assert.match(JSON.parse(response.body).error.code, /^[A-Z_]+$/, context);
  if (response.statusCode !== 404) tally.loggedRefusals.set(requestId, op.key);
}

function orderedOps(ops: Operation[]): Operation[] {
  return [...ops.filter((op) => !SESSION_ENDING.has(op.key)), ...ops.filter((op) => SESSION_ENDING.has(op.key))];
}

forEachDialect(
  'authorization matrix',
  (testApp) => {
    let ops: Operation[] = [];
    let fx: Fixtures;

    it('has an entry for every operation of the API and none for an operation that does not exist', async () => {
      const t = testApp();
      const doc = (await t.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApi;
      ops = operationsOf(doc);
      const served = new Set(ops.map((op) => op.key));
      for (const key of AUTHORIZATION_MATRIX.keys()) assert.ok(served.has(key), `matrix entry for an operation the API does not have: ${key}`);
      fx = await setUp(t);
    });

    it('refuses everything the matrix does not allow on another unit’s objects and another citizen’s draft, as every role, and logs each refusal', async () => {
      const t = testApp();
      const tally: Tally = { cases: 0, refusals: 0, allowed: 0, loggedRefusals: new Map() };
      const requesters: Array<{ name: string; requester: Requester; username?: string; token?: string }> = [
        { name: 'anonymous', requester: { kind: 'anonymous' } },
        { name: 'another citizen', requester: { kind: 'citizen', ownsDraft: false }, token: fx.otherToken },
        ...(
          [
            ['vinhhanh.motcua', 'desk_officer'],
            ['vh.chuyenvien', 'specialist'],
            ['vh.lanhdao', 'leader'],
            ['vinhhanh.quantri', 'administrator'],
            ['vh.giamsat', 'supervisor'],
          ] as const
        ).map(([username, role]) => ({ name: `${role} of another commune`, username, requester: { kind: 'staff', role, relations: new Set(['self']) } as Requester })),
      ];
      let n = 0;
      for (const { name, requester, username, token } of requesters) {
        let cookie = username ? await t.login(username) : undefined;
        for (const op of orderedOps(ops)) {
          if (username && SESSION_ENDING.has(op.key)) cookie = await freshLogin(t, username);
          const requestId = `matrix-${t.dialect}-${n++}`;
          const response = await send(t, op, fx, requestId, { ...(cookie ? { cookie } : {}), ...(token ? { token } : {}) }, n);
          check(op, name, matrixAllows(op.entry, requester), response, requestId, tally, true);
        }
      }
      // Every 401/403 has its audit row: who, what (route), when, request id.
      await t.app.services.refusals.flush();
      const rows = await t.app.services.audit.latest('access.refused', 100_000);
      const byRequest = new Map(rows.map((row) => [row.requestId, row]));
      for (const [requestId, key] of tally.loggedRefusals) {
        const row = byRequest.get(requestId);
        assert.ok(row, `no audit row for the refusal of ${key} (${requestId})`);
        assert.equal(row.entityId, key.replace(/\{([^}]+)\}/g, ':$1'));
        assert.ok(row.occurredAt);
      }
      // …and its structured log line: who (user id and name), what (method, route, parameters), the request id.
      const logged = new Map(logLines.map((line) => JSON.parse(line)).map((entry) => [entry.reqId, entry.refusal]));
      for (const [requestId, key] of tally.loggedRefusals) {
        const refusal = logged.get(requestId);
        assert.ok(refusal, `no log line for the refusal of ${key} (${requestId})`);
        assert.equal(`${refusal.method} ${refusal.route}`, key.replace(/\{([^}]+)\}/g, ':$1'));
      }
      assert.ok([...logged.values()].some((refusal) => refusal.actor === 'vh.lanhdao' && refusal.actorUserId), 'the log names the staff member');
      const staffRows = rows.filter((row) => row.requestId?.startsWith(`matrix-${t.dialect}`) && row.actorUserId !== null);
      assert.ok(staffRows.length > 0, 'refusals of signed-in staff name the actor');
      console.log(`authorization matrix [${t.dialect}]: ${ops.length} operations × ${requesters.length} requesters without claim = ${tally.cases} cases, ${tally.refusals} refused (${tally.loggedRefusals.size} as 401/403, each with its audit row), ${tally.allowed} allowed`);
    });

    it('lets the owner of each grant through, and a system administrator through every staff operation', async () => {
      const t = testApp();
      const tally: Tally = { cases: 0, refusals: 0, allowed: 0, loggedRefusals: new Map() };
      const owners: Record<string, string> = { desk_officer: 'candang.motcua', specialist: 'candang.chuyenvien', leader: 'candang.lanhdao' };
      const cookies = new Map<string, string>();
      const cookieOf = async (username: string) => cookies.get(username) ?? cookies.set(username, await freshLogin(t, username)).get(username)!;
      let n = 0;
      for (const op of orderedOps(ops)) {
        const grant = op.entry.allow[0];
        let username: string | undefined = 'admin';
        let token: string | undefined;
        if (grant?.who === 'anyone') username = undefined;
        else if (grant?.who === 'draft_holder') [username, token] = [undefined, fx.draftToken];
        else if (grant?.relation === 'root') username = 'tinh.quantri';
        else if (grant?.who === 'supervisor') username = 'tinh.giamsat';
        else if (grant?.who === 'administrator') username = 'candang.quantri';
        else if (grant?.relation === 'active_step') username = owners[fx.taskRole];
        else if (grant?.who === 'staff' || grant?.who === 'desk_officer') username = 'candang.motcua';
        else if (grant?.who === 'leader') username = 'candang.lanhdao';
        const cookie = username ? await cookieOf(username) : undefined;
        const requestId = `owner-${t.dialect}-${n++}`;
        const response = await send(t, op, fx, requestId, { ...(cookie ? { cookie } : {}), ...(token ? { token } : {}) }, n);
        check(op, `owner ${username ?? (token ? 'citizen' : 'anonymous')}`, true, response, requestId, tally, false);
        if (username && SESSION_ENDING.has(op.key)) cookies.delete(username);
      }
      const admin: Requester = { kind: 'staff', role: 'system_admin', relations: new Set() };
      for (const op of orderedOps(ops)) {
        const cookie = await cookieOf('admin');
        const requestId = `sysadmin-${t.dialect}-${n++}`;
        const response = await send(t, op, fx, requestId, { cookie }, n);
        check(op, 'system administrator', matrixAllows(op.entry, admin), response, requestId, tally, false);
        if (SESSION_ENDING.has(op.key)) cookies.delete('admin');
      }
      console.log(`authorization matrix [${t.dialect}]: owners and a system administrator, ${tally.cases} cases, ${tally.allowed} allowed, ${tally.refusals} refused as the matrix says`);
    });

    it('caps the refusals written to the audit log per minute and counts the rest in one row', async () => {
      const t = testApp();
      let now = new Date('2026-11-23T02:00:10.000Z');
      const log = new RefusalLog(createUnitOfWork(t.app.database, (executor) => bindRepositories(executor, t.app.database.dialect)), { now: () => new Date(now) }, { maxPerMinute: 3, flushMs: 5 });
      const refusal = { actorUserId: null, method: 'GET', route: '/api/v1/dossiers/:id', status: 401, code: 'UNAUTHENTICATED', params: { id: 'x' } };
      for (let i = 0; i < 50; i++) log.record({ ...refusal, requestId: `cap-${t.dialect}-${i}` });
      now = new Date('2026-11-23T02:01:05.000Z');
      log.record({ ...refusal, requestId: `cap-${t.dialect}-next-minute` });
      await log.flush();
      const written = (await t.app.services.audit.latest('access.refused', 100_000)).filter((row) => row.requestId?.startsWith(`cap-${t.dialect}`));
      assert.deepEqual(written.map((row) => row.requestId).sort(), [`cap-${t.dialect}-0`, `cap-${t.dialect}-1`, `cap-${t.dialect}-2`, `cap-${t.dialect}-next-minute`]);
      const suppressed = await t.app.services.audit.latest('access.refused_suppressed', 10);
      assert.equal(suppressed[0]?.details.count, 47);
      // Closing writes the current minute's count as well.
      for (let i = 0; i < 5; i++) log.record({ ...refusal, requestId: `cap-${t.dialect}-late-${i}` });
      await log.flush({ closing: true });
      assert.equal((await t.app.services.audit.latest('access.refused_suppressed', 10))[0]?.details.count, 3);
      assert.equal(log.total, 56);
    });
  },
  { env: { ACCESS_REFUSAL_AUDIT_PER_MINUTE: '1000000' }, logStream },
);

async function freshLogin(t: TestApp, username: string): Promise<string> {
  const response = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
  assert.equal(response.statusCode, 200, `login ${username}: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === t.config.session.cookieName)!;
  return `${cookie.name}=${cookie.value}`;
}
