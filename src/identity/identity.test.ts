import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Writable } from 'node:stream';
import { forEachDialect, startTestApp, type TestApp } from '../../test/support/test-app.js';
import { DEMO_PASSWORD } from '../demo/demo-data.js';
import { fixedClock } from '../time/clock.js';

async function unitId(t: TestApp, code: string): Promise<string> {
  const response = await t.inject({ method: 'GET', url: `/api/v1/units?q=${code}` });
  return response.json().items.find((u: { code: string }) => u.code === code).id;
}

forEachDialect('staff identity', (testApp) => {
  it('signs in with an HttpOnly SameSite session cookie and shows roles per unit', async () => {
    const t = testApp();
    const response = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'Candang.Motcua ', password: DEMO_PASSWORD } });
    assert.equal(response.statusCode, 200, response.body);
    const cookie = response.cookies.find((c) => c.name === 'motcua_session')!;
    assert.ok(cookie.httpOnly);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/');
    assert.ok(cookie.value.length >= 40);
    const me = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `motcua_session=${cookie.value}` } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().username, 'candang.motcua');
    assert.deepEqual(me.json().roles, [{ unitId: await unitId(t, '001.21.45.H01'), role: 'desk_officer' }]);
    assert.equal(me.json().passwordHash, undefined, 'the response schema never leaks the hash');
  });

  it('stores only a hash of the session token and forgets it on logout', async () => {
    const t = testApp();
    const response = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'tinh.giamsat', password: DEMO_PASSWORD } });
    const token = response.cookies.find((c) => c.name === 'motcua_session')!.value;
    const stored = await t.app.database.reader.selectFrom('sessions').select('token_hash').execute();
    assert.ok(!stored.some((s) => s.token_hash === token), 'the raw token is not stored');
    const cookie = `motcua_session=${token}`;
    const logout = await t.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    assert.equal(logout.statusCode, 204);
    const after = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(after.statusCode, 401);
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const t = testApp();
    const wrong = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'candang.motcua', password: 'not-the-password' } });
    const unknown = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody.here', password: 'not-the-password' } });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(wrong.json(), unknown.json());
    assert.equal(wrong.json().error.code, 'INVALID_CREDENTIALS');
    assert.equal(wrong.cookies.length, 0);
  });

  it('ignores a forged or oversized session cookie', async () => {
    const t = testApp();
    for (const value of ['forged', 'x'.repeat(5000), '']) {
      const response = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `motcua_session=${value}` } });
      assert.equal(response.statusCode, 401);
    }
  });

  it('lets an administrator create staff and set roles only within their units', async () => {
    const t = testApp();
    const canDangAdmin = await t.login('candang.quantri');
    const canDang = await unitId(t, '000.21.45.H01');
    const canDangDesk = await unitId(t, '001.21.45.H01');
    const vinhHanh = await unitId(t, '000.22.45.H01');

    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: { cookie: canDangAdmin },
      payload: { username: 'candang.motcua2', fullName: 'Nguyễn Thị Hoa', password: 'mat-khau-rat-dai', roles: [{ unitId: canDangDesk, role: 'desk_officer' }] },
    });
    assert.equal(created.statusCode, 201, created.body);
    const newcomer = created.json();
    await t.login('candang.motcua2', 'mat-khau-rat-dai');

    const outside = await t.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: { cookie: canDangAdmin },
      payload: { username: 'spy', fullName: 'X', password: 'mat-khau-rat-dai', roles: [{ unitId: vinhHanh, role: 'leader' }] },
    });
    assert.equal(outside.statusCode, 403);

    const escalate = await t.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: { cookie: canDangAdmin },
      payload: { username: 'root2', fullName: 'X', password: 'mat-khau-rat-dai', roles: [], isSystemAdmin: true },
    });
    assert.equal(escalate.statusCode, 403);

    const setRoles = await t.inject({
      method: 'PUT',
      url: `/api/v1/staff/${newcomer.id}/roles`,
      headers: { cookie: canDangAdmin },
      payload: { roles: [{ unitId: canDang, role: 'specialist' }] },
    });
    assert.equal(setRoles.statusCode, 200, setRoles.body);
    assert.deepEqual(setRoles.json().roles, [{ unitId: canDang, role: 'specialist' }]);

    const listed = await t.inject({ method: 'GET', url: `/api/v1/staff?unitId=${canDang}`, headers: { cookie: canDangAdmin } });
    assert.equal(listed.statusCode, 200);
    const usernames = listed.json().items.map((u: { username: string }) => u.username);
    assert.ok(usernames.includes('candang.motcua2') && usernames.includes('candang.motcua'));
    assert.ok(!usernames.includes('vinhhanh.motcua'));

    const otherList = await t.inject({ method: 'GET', url: `/api/v1/staff?unitId=${vinhHanh}`, headers: { cookie: canDangAdmin } });
    assert.equal(otherList.statusCode, 403);

    const duplicate = await t.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: { cookie: canDangAdmin },
      payload: { username: 'CANDANG.MOTCUA2', fullName: 'Trùng', password: 'mat-khau-rat-dai', roles: [{ unitId: canDang, role: 'specialist' }] },
    });
    assert.equal(duplicate.statusCode, 409);
    assert.equal(duplicate.json().error.code, 'USERNAME_TAKEN');
  });
});

it('expires sessions after their time to live', async () => {
  let now = new Date('2026-11-20T01:00:00Z');
  const t = await startTestApp('sqlite', { clock: { now: () => new Date(now) }, env: { SESSION_TTL_HOURS: '1' } });
  try {
    const cookie = await t.login('tinh.motcua');
    assert.equal((await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode, 200);
    now = new Date('2026-11-20T02:00:01Z');
    assert.equal((await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode, 401);
  } finally {
    await t.close();
  }
});

it('keeps personal data out of the logs', async () => {
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  const t = await startTestApp('sqlite', { logStream, clock: fixedClock('2026-11-20T03:00:00Z') });
  try {
    const cookie = await t.login('candang.quantri');
    const unitList = await t.inject({ method: 'GET', url: '/api/v1/units?q=001.21.45.H01' });
    const desk = unitList.json().items[0].id;
    await t.inject({
      method: 'POST',
      url: '/api/v1/staff?note=079203001234',
      headers: { cookie },
      payload: { username: 'pii.test', fullName: 'Nguyễn Văn Bí Mật', phone: '0912345678', password: 'mat-khau-rat-dai', roles: [{ unitId: desk, role: 'desk_officer' }] },
    });
    await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'pii.test', password: 'wrong-password-0912345678' } });
    const log = lines.join('');
    assert.ok(log.includes('request completed'), 'requests are logged');
    for (const secret of ['Bí Mật', '0912345678', '079203001234', 'mat-khau-rat-dai', 'motcua_session=']) {
      assert.ok(!log.includes(secret), `log contains ${secret}`);
    }
  } finally {
    await t.close();
  }
});
