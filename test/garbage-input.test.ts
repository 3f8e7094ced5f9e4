// An OpenAPI-driven fuzz test: for every operation of the document, requests generated from its own
// schemas (test/support/schema-arbitraries.ts) — valid values that reach the services, values just outside
// every limit, wrong types, missing required and unknown fields, broken patterns and formats, malformed
// path parameters, plain garbage, broken JSON and wrong content types — signed in as several roles and not.
// No answer may be a 5xx; every error has the error model; no body shows an internal (stack frame, file
// path, exception name). The number of requests is printed (docs/reliability.md quotes it).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { DEMO_PROCEDURES } from '../src/demo/demo-procedures.js';
import { anyValue, invalidValue, useKnownIds, validValue, type JsonSchema } from './support/schema-arbitraries.js';
import { forEachDialect, type TestApp } from './support/test-app.js';

interface Parameter {
  readonly in: string;
  readonly name: string;
  readonly required?: boolean;
  readonly schema: JsonSchema;
}

interface Operation {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly parameters: readonly Parameter[];
  readonly body: JsonSchema | undefined;
}

type OpenApi = { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema?: JsonSchema }> } }>> };

function operationsOf(doc: OpenApi): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase() as Operation['method'],
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content['application/json']?.schema,
    })),
  );
}

const nastyStrings = ['', ' ', 'x'.repeat(100_000), '\u0000', '😀🇻🇳', "'; drop table units; --", '%', '%00', '%zz', '_', '\\', '../../etc/passwd', 'not-a-uuid', '2026-02-30', '-1', 'NaN', '1e309', 'null', '[]', '{}'];
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...nastyStrings),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e308, true, false, null),
  fc.array(fc.constantFrom(...nastyStrings), { maxLength: 60 }),
);
const PROCEDURE_CODES = Object.values(DEMO_PROCEDURES).map((p) => p.code);

/** A query or header value as text: the generated value itself, or its JSON for objects and arrays. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

function requestFor(op: Operation) {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const pathValue = (p: Parameter) =>
    fc.oneof(
      { weight: 3, arbitrary: validValue(p.schema).map(asText) },
      { weight: 1, arbitrary: fc.constantFrom(...PROCEDURE_CODES, '1', '01', 'ii06a', 'vn-public-servants', '2026') },
      { weight: 2, arbitrary: invalidValue(p.schema).map(asText) },
      { weight: 1, arbitrary: fc.constantFrom(...nastyStrings.filter((s) => s.length < 1000)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
    );
  const optional = (p: Parameter, value: fc.Arbitrary<string>) => (p.required ? value.map((v) => [p.name, v] as const) : fc.option(value.map((v) => [p.name, v] as const), { nil: undefined, freq: 2 }));
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header');
  const body = op.body
    ? fc.oneof(
        { weight: 3, arbitrary: validValue(op.body).map((value) => ({ kind: 'json' as const, value })) },
        { weight: 4, arbitrary: invalidValue(op.body).map((value) => ({ kind: 'json' as const, value })) },
        { weight: 1, arbitrary: nastyValue.map((value) => ({ kind: 'json' as const, value })) },
        { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', '[1,2', '"str"', '{"__proto__":{"admin":true}}', '\u0000', '{"constructor":{"prototype":{"x":1}}}').map((text) => ({ kind: 'text' as const, value: text, contentType: 'application/json' })) },
        { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'text/csv', 'application/x-ndjson').map((contentType) => ({ kind: 'text' as const, value: 'a,b\n1,2', contentType })) },
      )
    : fc.oneof(
        fc.constant({ kind: 'none' as const }),
        anyValue({}).map((value) => ({ kind: 'json' as const, value })),
        fc.constantFrom('text/csv', 'application/x-ndjson', 'multipart/form-data; boundary=x', 'application/octet-stream').map((contentType) => ({ kind: 'text' as const, value: '{}\nx,y\n--x--', contentType })),
      );
  return fc.record({
    path: fc.tuple(...pathParams.map(pathValue)).map((values) => {
      let path = op.path;
      pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, encodeURIComponent(values[i]!))));
      return path;
    }),
    query: fc.tuple(
      fc.tuple(...queryParams.map((p) => optional(p, anyValue(p.schema).map(asText)))),
      fc.oneof({ weight: 5, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 2 }) }),
    ).map(([declared, unknown]) => ({ ...unknown, ...Object.fromEntries(declared.filter((e) => e !== undefined)) }) as Record<string, string>),
    headers: fc.tuple(...headerParams.map((p) => fc.option(anyValue(p.schema).map((v) => [p.name, asText(v).replace(/[^\x20-\x7e]/g, '')] as const), { nil: undefined }))).map(
      (entries) => Object.fromEntries(entries.filter((e) => e !== undefined)) as Record<string, string>,
    ),
    body,
  });
}

type GeneratedRequest = ReturnType<typeof requestFor> extends fc.Arbitrary<infer R> ? R : never;

async function send(t: TestApp, op: Operation, request: GeneratedRequest, cookie: string | undefined) {
  const query = new URLSearchParams(request.query).toString();
  const url = `${request.path}${query ? `?${query}` : ''}`;
  const headers: Record<string, string> = { ...request.headers, ...(cookie ? { cookie } : {}) };
  const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
  if (hasBody && request.body.kind === 'json') {
    return t.inject({ method: op.method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(request.body.value) ?? 'null' });
  }
  if (hasBody && request.body.kind === 'text') {
    return t.inject({ method: op.method, url, headers: { ...headers, 'content-type': request.body.contentType }, payload: request.body.value });
  }
  return t.inject({ method: op.method, url, headers });
}

/** Signs of an internal leaking into an answer: stack frames, source paths, exception names. */
const INTERNALS = [/\n\s+at\s/, /\bat [\w.<>$]+ \(/, /\/(work|home|root|src|node_modules|tmp)\/[\w./-]+\.(ts|js|mjs)\b/, /\.(ts|js):\d+:\d+/, /\b(TypeError|ReferenceError|RangeError|SyntaxError|SqliteError|DatabaseError)\b/, /\bError: /];

function assertErrorModel(status: number, contentType: string, body: string, context: string): void {
  assert.ok(status < 500, `${context} → ${status} ${body.slice(0, 500)}`);
  if (/json|text/.test(contentType)) for (const pattern of INTERNALS) assert.ok(!pattern.test(body), `${context} → ${status}: an internal shows (${pattern}) in ${body.slice(0, 300)}`);
  if (status >= 400) {
    const parsed = JSON.parse(body);
    assert.match(parsed.error.code, /^[A-Z][A-Z_]+$/, context);
    assert.equal(typeof parsed.error.message, 'string', context);
  }
}

/** Runs per operation, per dialect: ~100 operations × 2 dialects × RUNS requests. */
const RUNS = 100;

forEachDialect('garbage input to every route', (testApp) => {
  it('never answers 5xx, every error has a code and a message, and no answer shows an internal', async () => {
    const t = testApp();
    const doc = (await t.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApi;
    // Signing out would end the sessions the generated requests use (it is covered by the session-policy test).
    const operations = operationsOf(doc).filter((op) => !['/api/v1/auth/logout', '/api/v1/auth/logout-all', '/api/v1/auth/password'].includes(op.path));
    assert.ok(operations.length >= 90, `expected every route in the OpenAPI document, got ${operations.length}`);
    const units = (await t.inject({ method: 'GET', url: '/api/v1/units?limit=500&includeClosed=true' })).json();
    useKnownIds(units.items.map((u: { id: string }) => u.id));
    const cookies = [undefined, await t.login('admin'), await t.login('candang.quantri'), await t.login('candang.motcua')];
    let requests = 0;
    let errors = 0;
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(op), fc.constantFrom(...cookies), async (request, cookie) => {
          const response = await send(t, op, request, cookie);
          requests++;
          if (response.statusCode >= 400) errors++;
          assertErrorModel(response.statusCode, String(response.headers['content-type'] ?? ''), response.body, `${op.method} ${request.path}`);
        }),
        { numRuns: RUNS, seed: 20261203 },
      );
    }
    console.log(`garbage input [${t.dialect}]: ${requests} requests over ${operations.length} operations, ${errors} answered 4xx, 0 answered 5xx`);
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

  it('refuses a NUL character anywhere in a body, naming the field where it is', async () => {
    const t = testApp();
    const applicant = { kind: 'person', name: 'Lê Văn Tám', idNumber: '089090000123', address: 'Ấp 3,\u0000 xã Cần Đăng', phone: '0987654321', email: null };
    const payload = { procedureCode: '1.001193', caseCode: 'TH1', receivingUnitId: '00000000-0000-4000-8000-000000000000', applicant, subject: 's', components: [], resultDelivery: 'counter', submit: true };
    const response = await t.inject({ method: 'POST', url: '/api/v1/public/dossiers', headers: { 'accept-language': 'en' }, payload });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(
      response.json().error.details.fields.map((f: { field: string; rule: string }) => [f.field, f.rule]),
      [['body.applicant.address', 'noNulCharacter']],
    );
  });
});
