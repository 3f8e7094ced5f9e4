// Sends malformed bodies, wrong types, oversized strings, unknown fields, odd path and query values
// and wrong content types to every route of the OpenAPI document, signed in and not, and checks
// that no request produces a 5xx and every error has the error model.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { DEMO_PROCEDURES } from '../src/demo/demo-procedures.js';
import { forEachDialect, type TestApp } from './support/test-app.js';

interface Operation {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query: string[];
  readonly bodyProperties: string[];
}

type OpenApi = {
  paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: { content: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>>;
};

function operationsOf(doc: OpenApi): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const json = op.requestBody?.content['application/json']?.schema;
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        bodyProperties: Object.keys(json?.properties ?? {}),
      });
    }
  }
  return operations;
}

const nastyStrings = [
  '',
  ' ',
  'x'.repeat(100_000),
  '\u0000',
  '😀🇻🇳',
  'Đăng ký khai sinh',
  "'; drop table units; --",
  '%',
  '_',
  '\\',
  '../../etc/passwd',
  '00000000-0000-4000-8000-000000000000',
  'not-a-uuid',
  '000.00.00.H01',
  '2026-02-30',
  '0000-01-01',
  '9999-12-31',
  '24:00',
  'a@b',
  '1e309',
  '-1',
  'NaN',
  'true',
  'null',
  '[]',
  '{}',
];

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...nastyStrings),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e308, true, false, null),
  fc.array(fc.constantFrom(...nastyStrings), { maxLength: 60 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
);

/** Procedure codes that exist, so that catalogue paths reach the services. */
const PROCEDURE_CODES = Object.values(DEMO_PROCEDURES).map((p) => p.code);

const instant = fc.date({ min: new Date('2023-06-01T00:00:00Z'), max: new Date('2027-06-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const isoDate = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** Values that pass validation for the field of that name, so that requests reach the services. */
function plausible(name: string, unitIds: string[]): fc.Arbitrary<unknown> | undefined {
  const unitId = fc.oneof(fc.constantFrom(...unitIds), fc.uuid());
  const byName: Record<string, fc.Arbitrary<unknown>> = {
    limit: fc.integer({ min: 1, max: 500 }),
    offset: fc.integer({ min: 0, max: 100 }),
    asOf: isoDate,
    validFrom: isoDate,
    validTo: fc.oneof(isoDate, fc.constant(null)),
    effectiveFrom: isoDate,
    parentId: fc.oneof(unitId, fc.constant(null)),
    unitId,
    successorId: fc.oneof(unitId, fc.constant(null)),
    type: fc.constantFrom('province', 'district', 'commune', 'department', 'agency', 'one_stop_desk', 'ministry'),
    q: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('%', '_', '\\', 'Cần Đăng', "'")),
    includeClosed: fc.boolean(),
    dryRun: fc.boolean(),
    code: fc.oneof(fc.stringMatching(/^[0-9A-Z]{1,4}(\.[0-9A-Z]{1,4}){0,3}$/), fc.constantFrom(...PROCEDURE_CODES), fc.stringMatching(/^\d\.\d{6}$/)),
    name: fc.string({ minLength: 1, maxLength: 40 }),
    shortName: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null)),
    address: fc.oneof(fc.string({ maxLength: 40 }), fc.constant(null)),
    phone: fc.oneof(fc.constantFrom('0296 3852 500', '+84 912 345 678'), fc.constant(null)),
    email: fc.oneof(fc.constantFrom('a@b.vn', 'ubnd@angiang.gov.vn'), fc.constant(null)),
    officeHours: fc.constantFrom([{ start: '07:00', end: '11:30' }], [{ start: '13:30', end: '11:00' }], [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '17:00' }]),
    version: fc.integer({ min: 1, max: 5 }),
    username: fc.stringMatching(/^[a-z0-9.]{3,20}$/),
    password: fc.string({ minLength: 1, maxLength: 30 }),
    fullName: fc.string({ minLength: 1, maxLength: 30 }),
    isSystemAdmin: fc.boolean(),
    receivedAt: instant,
    duration: fc.record({ amount: fc.integer({ min: 0, max: 400 }), unit: fc.constantFrom('working_days', 'working_hours', 'calendar_days', 'months') }),
    extension: fc.oneof(fc.constant(null), fc.record({ amount: fc.integer({ min: 0, max: 30 }), unit: fc.constantFrom('working_days', 'working_hours', 'months') })),
    cutOff: fc.oneof(fc.constant(null), fc.constantFrom('15:00', '17:00', '00:00', '23:59')),
    pauseRule: fc.constantFrom('subtract_paused_time', 'restart_from_zero'),
    pauses: fc.array(fc.record({ from: instant, to: fc.oneof(instant, fc.constant(null)) }), { maxLength: 5 }),
    calendarId: fc.constantFrom('vn-public-servants', 'unknown'),
    from: isoDate,
    to: isoDate,
    revision: fc.integer({ min: 1, max: 5 }),
    format: fc.constantFrom('json', 'xlsx'),
    publish: fc.boolean(),
    field: fc.record({ code: fc.constantFrom('HO_TICH', 'DAT_DAI', 'X'), name: fc.string({ minLength: 1, maxLength: 20 }) }),
    fieldCode: fc.constantFrom('HO_TICH', 'DAT_DAI', 'X'),
    level: fc.constantFrom('province', 'district', 'commune'),
    levels: fc.subarray(['province', 'district', 'commune']),
    methods: fc.subarray(['in_person', 'online', 'postal']),
    onlineLevel: fc.constantFrom('full_online', 'partly_online', 'offline'),
    legacyLevel: fc.constantFrom(1, 2, 3, 4, null),
    implementingUnitIds: fc.array(unitId, { maxLength: 3 }),
    cases: fc.array(
      fc.record(
        {
          code: fc.constantFrom('TH1', 'TH2'),
          name: fc.string({ minLength: 1, maxLength: 20 }),
          timeLimit: fc.record({ amount: fc.integer({ min: 0, max: 30 }), unit: fc.constantFrom('working_days', 'working_hours', 'calendar_days') }),
          fees: fc.array(fc.record({ description: fc.string({ maxLength: 20 }), amount: fc.integer({ min: 0, max: 1_000_000 }) }), { maxLength: 2 }),
          components: fc.array(fc.record({ code: fc.constantFrom('A', 'B'), name: fc.string({ minLength: 1, maxLength: 20 }) }), { maxLength: 3 }),
          cutOff: fc.oneof(fc.constant(null), fc.constantFrom('15:00', '17:00')),
          noAppointmentDate: fc.boolean(),
        },
        { requiredKeys: ['name', 'timeLimit'] },
      ),
      { maxLength: 3 },
    ),
    roles: fc.array(fc.record({ unitId, role: fc.constantFrom('desk_officer', 'specialist', 'leader', 'administrator', 'supervisor') }), { maxLength: 3 }),
  };
  return byName[name];
}

function fieldValue(name: string, unitIds: string[], nasty: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const good = plausible(name, unitIds);
  return good ? fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: nasty }) : nasty;
}

function requestFor(op: Operation, unitIds: string[]) {
  const deepUnitId = unitIds[0]!;
  const pathValue = fc.oneof(fc.constantFrom(...nastyStrings.filter((s) => s.length < 1000)), fc.constant(deepUnitId), fc.uuid(), fc.string({ maxLength: 300 }), fc.constantFrom(...PROCEDURE_CODES, '1', '2'));
  const queryValue = fc.oneof(fc.constantFrom(...nastyStrings.filter((s) => s.length < 5000)), fc.string({ maxLength: 50 }), fc.integer().map(String));
  const body = fc.oneof(
    // Declared fields with values of any type, plus unknown fields.
    fc.record({
      declared: fc.subarray(op.bodyProperties).chain((keys) => fc.tuple(...keys.map((k) => fc.tuple(fc.constant(k), fieldValue(k, unitIds, nastyValue))))),
      unknown: fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), nastyValue, { maxKeys: 3 }) }),
    }).map(({ declared, unknown }) => ({ kind: 'json' as const, value: { ...unknown, ...Object.fromEntries(declared) } })),
    nastyValue.map((value) => ({ kind: 'json' as const, value })),
    fc.constantFrom('{', '{"a":', '[1,2', 'null', '"str"', '{"__proto__":{"admin":true}}', '\u0000', '{"constructor":{"prototype":{"x":1}}}').map((text) => ({ kind: 'text' as const, value: text, contentType: 'application/json' })),
    fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'text/csv').map((contentType) => ({ kind: 'text' as const, value: 'a,b\n1,2', contentType })),
  );
  return fc.record({
    path: fc.tuple(...(op.path.match(/\{[^}]+\}/g) ?? []).map(() => pathValue)).map((values) => {
      let i = 0;
      return op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(String(values[i++])));
    }),
    // Mostly declared parameters (so requests get past validation into the services), sometimes unknown ones.
    query: fc.record({
      declared: fc.subarray(op.query).chain((keys) => fc.tuple(...keys.map((k) => fc.tuple(fc.constant(k), fieldValue(k, unitIds, queryValue).map(String))))),
      unknown: fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), queryValue, { maxKeys: 2 }) }),
    }).map(({ declared, unknown }) => ({ ...unknown, ...Object.fromEntries(declared) }) as Record<string, string>),
    body,
  });
}

type GeneratedRequest = ReturnType<typeof requestFor> extends fc.Arbitrary<infer R> ? R : never;

async function send(t: TestApp, op: Operation, request: GeneratedRequest, cookie: string | undefined) {
  const query = new URLSearchParams(request.query).toString();
  const url = `${request.path}${query ? `?${query}` : ''}`;
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
  if (hasBody && request.body.kind === 'json') {
    return t.inject({ method: op.method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(request.body.value) ?? 'null' });
  }
  if (hasBody && request.body.kind === 'text') {
    return t.inject({ method: op.method, url, headers: { ...headers, 'content-type': request.body.contentType }, payload: request.body.value });
  }
  return t.inject({ method: op.method, url, headers });
}

function assertErrorModel(status: number, body: string, context: string): void {
  assert.ok(status < 500, `${context} → ${status} ${body.slice(0, 500)}`);
  if (status >= 400) {
    const parsed = JSON.parse(body);
    assert.match(parsed.error.code, /^[A-Z][A-Z_]+$/, context);
    assert.equal(typeof parsed.error.message, 'string', context);
  }
}

forEachDialect('garbage input to every route', (testApp) => {
  it('never answers 5xx, and every error has a code and a message', async () => {
    const t = testApp();
    const doc = (await t.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApi;
    const operations = operationsOf(doc).filter((op) => op.path !== '/api/v1/auth/logout');
    assert.ok(operations.length >= 12, `expected every route in the OpenAPI document, got ${operations.length}`);
    const units = (await t.inject({ method: 'GET', url: '/api/v1/units?limit=500&includeClosed=true' })).json();
    const unitIds: string[] = units.items.map((u: { id: string }) => u.id);
    const cookies = [undefined, await t.login('admin'), await t.login('candang.quantri')];
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(op, unitIds), fc.constantFrom(...cookies), async (request, cookie) => {
          const response = await send(t, op, request, cookie);
          assertErrorModel(response.statusCode, response.body, `${op.method} ${request.path}`);
        }),
        { numRuns: 100, seed: 20261122 },
      );
    }
  });

  it('answers unknown routes, unsupported methods and a body that is too large with the error model', async () => {
    const t = testApp();
    const cases = [
      { method: 'GET' as const, url: '/api/v1/nothing-here', status: 404, code: 'ROUTE_NOT_FOUND' },
      { method: 'DELETE' as const, url: '/api/v1/units', status: 404, code: 'ROUTE_NOT_FOUND' },
      { method: 'POST' as const, url: '/api/v1/auth/login', payload: '{"username":', headers: { 'content-type': 'application/json' }, status: 400, code: 'MALFORMED_JSON' },
      { method: 'POST' as const, url: '/api/v1/auth/login', payload: 'username=a', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      { method: 'POST' as const, url: '/api/v1/auth/login', payload: JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
    ];
    for (const c of cases) {
      const response = await t.inject({ method: c.method, url: c.url, ...(c.payload ? { payload: c.payload } : {}), ...(c.headers ? { headers: c.headers } : {}) });
      assert.equal(response.statusCode, c.status, `${c.method} ${c.url}: ${response.body}`);
      assert.equal(response.json().error.code, c.code);
    }
  });

  it('names every invalid field, in Vietnamese by default and in English on request', async () => {
    const t = testApp();
    const cookie = await t.login('admin');
    const payload = { code: 'lower.case', name: 'x'.repeat(300), type: 'castle', officeHours: [{ start: '7h', end: '11:30' }], surprise: 1 };
    const vi = await t.inject({ method: 'POST', url: '/api/v1/units', headers: { cookie }, payload });
    const en = await t.inject({ method: 'POST', url: '/api/v1/units', headers: { cookie, 'accept-language': 'en-US,en;q=0.9,vi;q=0.5' }, payload });
    assert.equal(vi.statusCode, 400);
    assert.equal(vi.json().error.message, 'Dữ liệu gửi lên không hợp lệ.');
    assert.equal(en.json().error.message, 'The request data is invalid.');
    const fields = en.json().error.details.fields.map((f: { field: string }) => f.field);
    for (const field of ['body.code', 'body.name', 'body.type', 'body.officeHours.0.start', 'body.surprise']) assert.ok(fields.includes(field), `${field} in ${fields}`);
    const nameProblem = vi.json().error.details.fields.find((f: { field: string }) => f.field === 'body.name');
    assert.equal(nameProblem.message, 'Tối đa 255 ký tự.');
  });
});
