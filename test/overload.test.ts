// Overload is shed, never queued: per-client rate limits (429), database admission (503) and event-loop
// pressure (503), each with Retry-After and the error model; /health and /ready always answer.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PROCEDURES } from '../src/demo/demo-procedures.js';
import { unitIdByCode } from './support/dossier-requests.js';
import { forEachDialect, startTestApp, type TestApp } from './support/test-app.js';
import { testClock } from './support/test-clock.js';

const clock = testClock('2026-04-06T01:30:00.000Z'); // Monday 06/04/2026 08:30 in Vietnam
const BIRTH = DEMO_PROCEDURES.birthRegistration;

function assertShed(response: LightMyRequestResponse, status: 429 | 503, code: string): void {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['retry-after']), /^[1-9]\d*$/, 'Retry-After in whole seconds');
  assert.equal(response.json().error.code, code);
  assert.ok(response.json().error.message.length > 0);
}

async function birthFiling(t: TestApp) {
  const procedure = (await t.inject({ method: 'GET', url: `/api/v1/procedures/${BIRTH.code}` })).json();
  return {
    procedureCode: BIRTH.code,
    caseCode: BIRTH.caseCode,
    receivingUnitId: await unitIdByCode(t, '001.21.45.H01'),
    applicant: { kind: 'person', name: 'Lê Văn Tám', idNumber: '089090001122', address: 'Ấp An Thái, xã Cần Đăng', phone: '0987654321' },
    subject: 'Đăng ký khai sinh cho con Lê Ngọc Hân',
    components: procedure.cases[0].components.map((c: { code: string }) => ({ code: c.code, originals: 1, copies: 0 })),
    resultDelivery: 'counter',
    submit: false,
  };
}

/** A session for a demo user without the (rate-limited) sign-in route. */
async function sessionCookie(t: TestApp, username: string): Promise<string> {
  const { token } = await t.app.services.auth.login(username, 'MotCua@2026', { requestId: 'test' });
  return `${t.config.session.cookieName}=${token}`;
}

forEachDialect(
  'per-client rate limits and database admission',
  (testApp, dialect) => {
    it('answers 429 with Retry-After in the error model after the limit of searches; lists without a search text and /health are not counted', async () => {
      const t = testApp();
      for (let i = 0; i < 3; i++) assert.equal((await t.inject({ method: 'GET', url: `/api/v1/procedures?q=khai%20sinh${i}` })).statusCode, 200);
      const limited = await t.inject({ method: 'GET', url: '/api/v1/procedures?q=ket%20hon', headers: { 'accept-language': 'en' } });
      assertShed(limited, 429, 'RATE_LIMITED');
      assert.match(limited.json().error.message, /Too many requests/);
      assert.equal((await t.inject({ method: 'GET', url: '/api/v1/procedures?q=ket%20hon' })).json().error.message.startsWith('Bạn đã gửi quá nhiều'), true, 'Vietnamese by default');
      assert.equal((await t.inject({ method: 'GET', url: '/api/v1/procedures?level=commune' })).statusCode, 200, 'browsing without a search text is cheap and not limited');
      for (let i = 0; i < 20; i++) {
        assert.equal((await t.inject({ method: 'GET', url: '/health' })).statusCode, 200);
        assert.equal((await t.inject({ method: 'GET', url: '/ready' })).statusCode, 200);
      }
    });

    it('limits sign-in attempts per address', async () => {
      const t = testApp();
      const attempt = () => t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'tinh.giamsat', password: 'wrong password' } });
      assert.equal((await attempt()).statusCode, 401);
      assert.equal((await attempt()).statusCode, 401);
      assertShed(await attempt(), 429, 'RATE_LIMITED');
    });

    it('counts file exports per signed-in user: another user keeps their own quota; JSON pages are not exports', async () => {
      const t = testApp();
      const province = await unitIdByCode(t, '000.00.00.H01');
      const csv = `/api/v1/reports/forms/ii06a?unitId=${province}&period=2026&format=csv`;
      // Sessions are opened by the app's own sign-in, which the limit above already used up: make them directly.
      const supervisor = await sessionCookie(t, 'tinh.giamsat');
      const admin = await sessionCookie(t, 'tinh.quantri');
      for (let i = 0; i < 2; i++) assert.equal((await t.inject({ method: 'GET', url: csv, headers: { cookie: supervisor } })).statusCode, 200);
      assertShed(await t.inject({ method: 'GET', url: csv, headers: { cookie: supervisor } }), 429, 'RATE_LIMITED');
      assert.equal((await t.inject({ method: 'GET', url: csv.replace('format=csv', 'format=json'), headers: { cookie: supervisor } })).statusCode, 200);
      assert.equal((await t.inject({ method: 'GET', url: csv, headers: { cookie: admin } })).statusCode, 200, 'the limit is per user');
    });

    it(`refuses what ${dialect === 'sqlite' ? 'the write queue' : 'the connection pool'} cannot take with 503 + Retry-After; every acknowledged filing is stored; no 500`, async () => {
      const t = testApp();
      const filing = await birthFiling(t);
      const responses = await Promise.all(Array.from({ length: 40 }, () => t.inject({ method: 'POST', url: '/api/v1/public/dossiers', payload: filing })));
      const statuses = responses.map((r) => r.statusCode);
      assert.ok(statuses.every((s) => s === 201 || s === 503), `only 201 and 503, got ${[...new Set(statuses)].join(', ')}`);
      const shed = responses.filter((r) => r.statusCode === 503);
      assert.ok(shed.length > 0, 'the burst is larger than the admission limit');
      for (const r of shed) assertShed(r, 503, 'SERVICE_OVERLOADED');
      const created = responses.filter((r) => r.statusCode === 201).map((r) => r.json() as { dossier: { id: string }; draftToken: string });
      assert.ok(created.length > 0, 'some filings get through');
      for (const { dossier, draftToken } of created) {
        const own = await t.inject({ method: 'GET', url: `/api/v1/public/dossiers/${dossier.id}`, headers: { 'x-draft-token': draftToken } });
        assert.equal(own.statusCode, 200, 'an acknowledged filing is stored');
      }
      // A refused filing never started: the drafts stored are exactly the acknowledged ones.
      const rows = await t.app.database.reader.selectFrom('dossiers').select('id').where('status', '=', 'draft').execute();
      assert.deepEqual(rows.map((r) => r.id).sort(), created.map((c) => c.dossier.id).sort());
      assert.equal((await t.inject({ method: 'GET', url: '/health' })).statusCode, 200);
      // Once the burst is over, writes are taken again.
      assert.equal((await t.inject({ method: 'POST', url: '/api/v1/public/dossiers', payload: filing })).statusCode, 201);
    });
  },
  // One app per dialect for both (CI time): tiny rate limits, a write queue of 2, a pool of 2 with no waiting.
  { clock, env: { RATE_LIMIT_SEARCH: '3', RATE_LIMIT_LOGIN: '2', RATE_LIMIT_EXPORT: '2', SQLITE_WRITE_QUEUE_MAX: '2', PG_POOL_MAX: '2', PG_POOL_MAX_WAITING: '0' } },
);

describe('event-loop pressure', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite', { seed: false, env: { OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '20', OVERLOAD_SAMPLE_INTERVAL_MS: '10', OVERLOAD_RETRY_AFTER_SECONDS: '2' } });
  });
  after(async () => t.close());

  /** Asks until the answer has the expected status (the pressure is sampled, not instantaneous). */
  async function until(url: string, status: number): Promise<LightMyRequestResponse> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const response = await t.inject({ method: 'GET', url });
      if (response.statusCode === status || Date.now() > deadline) return response;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it('answers 503 SERVICE_OVERLOADED with Retry-After while the event loop is blocked, /health stays 200, and recovers', async () => {
    // Stands for CPU-bound overload: the loop is blocked 40 ms out of every ~41.
    const blocker = setInterval(() => {
      const end = Date.now() + 40;
      while (Date.now() < end);
    }, 1);
    try {
      const shed = await until('/api/v1/calendar/rule-sets', 503);
      assertShed(shed, 503, 'SERVICE_OVERLOADED');
      assert.equal(shed.headers['retry-after'], '2');
      assert.equal((await t.inject({ method: 'GET', url: '/health' })).statusCode, 200);
      assert.equal((await t.inject({ method: 'GET', url: '/ready' })).statusCode, 200);
    } finally {
      clearInterval(blocker);
    }
    assert.equal((await until('/api/v1/calendar/rule-sets', 200)).statusCode, 200, 'answers again once the loop is free');
  });
});

describe('PostgreSQL pool: a bounded wait for a connection', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('postgres', { seed: false, env: { PG_POOL_MAX: '1', PG_POOL_WAIT_MAX_MS: '100', PG_POOL_MAX_WAITING: '10' } });
  });
  after(async () => t.close());

  it('refuses with SERVICE_OVERLOADED a request that waited the limit for a connection, without running it', async () => {
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    // The only connection is held by a long transaction.
    const long = t.app.database.runInWriteTx(async () => holding);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const waited = await t.inject({ method: 'GET', url: '/api/v1/units' });
    assertShed(waited, 503, 'SERVICE_OVERLOADED');
    assert.equal((await t.inject({ method: 'GET', url: '/health' })).statusCode, 200);
    release();
    await long;
    assert.equal((await t.inject({ method: 'GET', url: '/api/v1/units' })).statusCode, 200, 'served again once a connection is free');
  });
});

describe('event-loop turn budget', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite', { seed: false, env: { OVERLOAD_MAX_TURN_MS: '1' } });
  });
  after(async () => t.close());

  it('answers 503 to the requests of a turn that has already spent its budget; the first is served, /health always', async () => {
    // A year of days each, a different year each (nothing cached): real work per request.
    const days = (year: number) => `/api/v1/calendar/vn-public-servants/days?from=${year}-01-01&to=${year}-12-31`;
    // Sent together, the requests are started in one turn, one after another. Enough of them that even a fast,
    // idle machine spends more than the 1 ms budget on the turn (30 were not always enough).
    const responses = await Promise.all(Array.from({ length: 120 }, (_, i) => t.inject({ method: 'GET', url: i % 3 === 2 ? '/health' : days(2040 + i) })));
    const statuses = responses.map((r) => r.statusCode);
    assert.ok(statuses.every((s) => s === 200 || s === 503), statuses.join(','));
    assert.equal(statuses[0], 200, 'the turn’s first request is served');
    const shed = responses.filter((r) => r.statusCode === 503);
    assert.ok(shed.length > 0, 'a year of days takes more than 1 ms: later requests of the turn are shed');
    for (const r of shed) {
      assertShed(r, 503, 'SERVICE_OVERLOADED');
      assert.equal(r.json().error.details.reason, 'event_loop_turn');
    }
    assert.ok(responses.filter((_, i) => i % 3 === 2).every((r) => r.statusCode === 200), '/health is exempt');
    await new Promise((resolve) => setImmediate(resolve)); // the turn ends
    assert.equal((await t.inject({ method: 'GET', url: days(2090) })).statusCode, 200, 'a request in a later turn is served');
  });
});

describe('event-loop turn budget over real sockets', () => {
  let t: TestApp;
  let port = 0;
  before(async () => {
    t = await startTestApp('sqlite', { seed: false, env: { OVERLOAD_MAX_TURN_MS: '1' } });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as net.AddressInfo).port;
  });
  after(async () => t.close());

  it('the server itself refuses a spent turn’s requests: 503 in the error model with Retry-After; /health answers', async () => {
    const texts = await sendTogether(port, Array.from({ length: 72 }, (_, i) => (i % 4 === 3 ? '/health' : `/api/v1/calendar/vn-public-servants/days?from=${2100 + i}-01-01&to=${2100 + i}-12-31`)));
    const statuses = texts.map((text) => Number(text.slice(9, 12)));
    assert.ok(statuses.every((s) => s === 200 || s === 503), statuses.join(','));
    assert.ok(statuses.filter((s) => s === 200).length >= 1 + 6, 'the turn’s first request and every /health are served');
    assert.ok(statuses.every((s, i) => i % 4 !== 3 || s === 200), '/health is exempt');
    const shed = texts.filter((_, i) => statuses[i] === 503);
    assert.ok(shed.length > 0, statuses.join(','));
    for (const text of shed) assertRawShed(text, 'event_loop_turn');
  });
});

/** A GET of the path, or a POST of the JSON body to it. */
type Sent = string | { readonly path: string; readonly json: unknown };

/** Writes each request on its own connection, all at once: the server reads them in one turn. */
async function sendTogether(port: number, paths: readonly Sent[]): Promise<string[]> {
  const sockets = await Promise.all(
    paths.map(() => new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
      socket.once('error', reject);
    })),
  );
  // Let the server accept and start reading every connection before the requests are written.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const answers = sockets.map((socket) => new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('end', () => resolve(text));
  }));
  sockets.forEach((socket, i) => {
    const sent = paths[i]!;
    const head = 'Host: localhost\r\nAccept-Language: en\r\nConnection: close\r\n';
    if (typeof sent === 'string') socket.write(`GET ${sent} HTTP/1.1\r\n${head}\r\n`);
    else {
      const body = JSON.stringify(sent.json);
      socket.write(`POST ${sent.path} HTTP/1.1\r\n${head}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    }
  });
  return Promise.all(answers);
}

function assertRawShed(text: string, reason: string): void {
  assert.match(text, /\r\nretry-after: 1\r\n/i);
  assert.doesNotMatch(text, /x-request-id/i, 'refused by the server’s own listener, before the app built a request');
  const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
  assert.equal(body.error.code, 'SERVICE_OVERLOADED');
  assert.equal(body.error.details.reason, reason);
  assert.match(body.error.message, /overloaded/);
}

describe('requests in flight, over real sockets', () => {
  let t: TestApp;
  let port = 0;
  before(async () => {
    t = await startTestApp('sqlite', { seed: false, env: { OVERLOAD_MAX_IN_FLIGHT: '2' } });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as net.AddressInfo).port;
  });
  after(async () => t.close());

  it('refuses a request while the cap of requests in progress is reached; /health answers; served again afterwards', async () => {
    // Sign-in attempts wait for the password hash (off the event loop): they stay in progress across turns.
    const login = { path: '/api/v1/auth/login', json: { username: 'nobody', password: 'not the password' } };
    const texts = await sendTogether(port, Array.from({ length: 12 }, (_, i) => (i % 4 === 3 ? '/health' : login)));
    const statuses = texts.map((text) => Number(text.slice(9, 12)));
    assert.ok(statuses.every((s, i) => (i % 4 === 3 ? s === 200 : s === 401 || s === 503)), `/health answers, sign-ins are judged or shed: ${statuses.join(',')}`);
    const shed = texts.filter((_, i) => statuses[i] === 503);
    assert.equal(statuses.filter((s) => s === 401).length, 2, `the two in progress are answered: ${statuses.join(',')}`);
    assert.equal(shed.length, 7);
    for (const text of shed) assertRawShed(text, 'in_flight');
    const [later] = await sendTogether(port, ['/api/v1/calendar/rule-sets']);
    assert.equal(Number(later!.slice(9, 12)), 200, 'answered requests leave the count');
  });
});
