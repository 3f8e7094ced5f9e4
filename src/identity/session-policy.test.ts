// Session policy, on the test clock with realistic values: a new token on every sign-in, an idle timeout
// (30 minutes) and an absolute one (12 hours), sign-out, sign-out everywhere, disabling an account and
// changing a password each end sessions at once.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEMO_PASSWORD } from '../demo/demo-data.js';
import { forEachDialect, type TestApp } from '../../test/support/test-app.js';
import { testClock } from '../../test/support/test-clock.js';

const clock = testClock('2026-11-23T01:00:00.000Z'); // Monday 08:00 in Vietnam

async function signIn(t: TestApp, username: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  assert.equal(response.statusCode, 200, response.body);
  const cookie = response.cookies.find((c) => c.name === t.config.session.cookieName);
  assert.ok(cookie);
  return `${cookie.name}=${cookie.value}`;
}

async function me(t: TestApp, cookie: string): Promise<{ status: number; code?: string }> {
  const response = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
  return { status: response.statusCode, ...(response.statusCode >= 400 ? { code: response.json().error.code } : {}) };
}

function at(minutesAfterStart: number): void {
  clock.set(new Date(Date.parse('2026-11-23T01:00:00.000Z') + minutesAfterStart * 60_000).toISOString());
}

forEachDialect(
  'session policy',
  (testApp) => {
    it('gives a new token on every sign-in', async () => {
      const t = testApp();
      at(0);
      const a = await signIn(t, 'tinh.motcua');
      const b = await signIn(t, 'tinh.motcua');
      assert.notEqual(a, b);
      assert.equal((await me(t, a)).status, 200);
      assert.equal((await me(t, b)).status, 200);
    });

    it('ends a session after 30 idle minutes, however young it is', async () => {
      const t = testApp();
      at(0);
      const cookie = await signIn(t, 'candang.motcua');
      at(20);
      assert.equal((await me(t, cookie)).status, 200);
      at(49); // 29 minutes after the last request
      assert.equal((await me(t, cookie)).status, 200);
      at(80); // 31 minutes after the last request
      assert.deepEqual(await me(t, cookie), { status: 401, code: 'SESSION_EXPIRED' });
    });

    it('ends a session 12 hours after sign-in, however active it is', async () => {
      const t = testApp();
      at(0);
      const cookie = await signIn(t, 'datdai.chuyenvien');
      for (let minute = 20; minute < 12 * 60; minute += 20) {
        at(minute);
        assert.equal((await me(t, cookie)).status, 200, `active at minute ${minute}`);
      }
      at(12 * 60 + 0.1);
      assert.deepEqual(await me(t, cookie), { status: 401, code: 'SESSION_EXPIRED' });
    });

    it('signing out ends that session only; signing out everywhere ends all of them', async () => {
      const t = testApp();
      at(0);
      const [a, b, c] = [await signIn(t, 'candang.lanhdao'), await signIn(t, 'candang.lanhdao'), await signIn(t, 'candang.lanhdao')];
      assert.equal((await t.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: a } })).statusCode, 204);
      assert.equal((await me(t, a)).status, 401);
      assert.equal((await me(t, b)).status, 200);
      const everywhere = await t.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: { cookie: b } });
      assert.equal(everywhere.statusCode, 200, everywhere.body);
      assert.equal(everywhere.json().sessionsEnded, 2);
      assert.equal((await me(t, b)).status, 401);
      assert.equal((await me(t, c)).status, 401);
      const userId = (await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: await signIn(t, 'candang.lanhdao') } })).json().id;
      const audit = await t.app.services.audit.listFor('user', userId);
      assert.ok(audit.some((e) => e.action === 'session.all_signed_out' && e.details.sessions === 2));
    });

    it('disabling an account ends every session of it at once; enabling lets it sign in again', async () => {
      const t = testApp();
      at(0);
      const target = [await signIn(t, 'candang.chuyenvien'), await signIn(t, 'candang.chuyenvien')];
      const targetId = (await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: target[0]! } })).json().id;
      const otherAdmin = await signIn(t, 'vinhhanh.quantri');
      const refused = await t.inject({ method: 'POST', url: `/api/v1/staff/${targetId}/disable`, headers: { cookie: otherAdmin } });
      assert.equal(refused.statusCode, 403, 'an administrator of another commune cannot disable the account');
      assert.equal((await me(t, target[0]!)).status, 200);

      const admin = await signIn(t, 'candang.quantri');
      const self = await t.inject({ method: 'POST', url: `/api/v1/staff/${(await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: admin } })).json().id}/disable`, headers: { cookie: admin } });
      assert.equal(self.json().error.code, 'ACCOUNT_SELF_DISABLE');
      const disabled = await t.inject({ method: 'POST', url: `/api/v1/staff/${targetId}/disable`, headers: { cookie: admin } });
      assert.equal(disabled.statusCode, 200, disabled.body);
      assert.equal(disabled.json().sessionsEnded, 2);
      for (const cookie of target) assert.deepEqual(await me(t, cookie), { status: 401, code: 'SESSION_EXPIRED' });
      const login = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'candang.chuyenvien', password: DEMO_PASSWORD } });
      assert.equal(login.json().error.code, 'INVALID_CREDENTIALS');

      assert.equal((await t.inject({ method: 'POST', url: `/api/v1/staff/${targetId}/enable`, headers: { cookie: admin } })).statusCode, 200);
      assert.equal((await me(t, await signIn(t, 'candang.chuyenvien'))).status, 200);
      const actions = (await t.app.services.audit.listFor('user', targetId)).map((e) => e.action);
      assert.ok(actions.includes('user.disabled') && actions.includes('user.enabled'));
    });

    it('changing the password ends every session and gives this device a new one', async () => {
      const t = testApp();
      at(0);
      const [a, b] = [await signIn(t, 'vinhhanh.motcua'), await signIn(t, 'vinhhanh.motcua')];
      const wrong = await t.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie: a }, payload: { currentPassword: 'not-the-password', newPassword: 'mot-mat-khau-moi-dai' } });
      assert.equal(wrong.json().error.code, 'INVALID_CREDENTIALS');
      const changed = await t.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie: a }, payload: { currentPassword: DEMO_PASSWORD, newPassword: 'mot-mat-khau-moi-dai' } });
      assert.equal(changed.statusCode, 204, changed.body);
      const fresh = changed.cookies.find((c) => c.name === t.config.session.cookieName);
      assert.ok(fresh);
      assert.equal((await me(t, a)).status, 401);
      assert.equal((await me(t, b)).status, 401);
      assert.equal((await me(t, `${fresh.name}=${fresh.value}`)).status, 200);
      const old = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'vinhhanh.motcua', password: DEMO_PASSWORD } });
      assert.equal(old.statusCode, 401);
      await signIn(t, 'vinhhanh.motcua', 'mot-mat-khau-moi-dai');
    });
  },
  { clock, env: { SESSION_TTL_HOURS: '12', SESSION_IDLE_MINUTES: '30' } },
);
