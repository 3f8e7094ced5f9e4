import assert from 'node:assert/strict';
import fs from 'node:fs';
import { it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

it('documents in .env.example every variable the configuration reads', () => {
  const read = new Set<string>();
  const env = new Proxy({} as Record<string, string | undefined>, {
    get: (_target, name) => {
      read.add(String(name));
      return undefined;
    },
  });
  loadConfig(env);
  loadConfig(new Proxy({ DATABASE_URL: 'postgres://x@localhost/db' } as Record<string, string | undefined>, { get: (t, name) => (read.add(String(name)), t[String(name)]) }));
  const documented = fs.readFileSync('.env.example', 'utf8');
  for (const name of read) assert.match(documented, new RegExp(`^#? ?${name}=`, 'm'), `${name} is missing from .env.example`);
});

it('is frozen and defaults to an embedded SQLite database under ./data', () => {
  const config = loadConfig({});
  assert.ok(Object.isFrozen(config) && Object.isFrozen(config.database));
  assert.equal(config.port, 3000);
  assert.equal(config.database.dialect, 'sqlite');
  assert.match(config.database.dialect === 'sqlite' ? config.database.file : '', /data\/motcua\.db$/);
  assert.equal(config.seedDemoData, true);
});

it('lists every problem at once', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
    (error: unknown) => error instanceof ConfigError && error.problems.length === 3,
  );
});

it('hardens production defaults', () => {
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://motcua@db/motcua' });
  assert.equal(config.seedDemoData, false);
  assert.equal(config.session.secureCookie, true);
});

it('asks for a strong signing-key secret in production and keeps development signing out of it', () => {
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://motcua@db/motcua', SIGNING_KEY_SECRET: 'x'.repeat(40), PUBLIC_BASE_URL: 'https://dichvucong.angiang.gov.vn' });
  assert.equal(config.documents.allowDevelopmentCertificate, false);
  assert.equal(config.documents.publicBaseUrl, 'https://dichvucong.angiang.gov.vn');
  assert.throws(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://motcua@db/motcua', SIGNING_KEY_SECRET: 'short' }), /SIGNING_KEY_SECRET must have at least 32 characters/);
  assert.throws(() => loadConfig({ PUBLIC_BASE_URL: 'javascript:alert(1)' }), /PUBLIC_BASE_URL must be an http\(s\) address/);
  assert.equal(loadConfig({ UPLOAD_MAX_BYTES: '1048576' }).documents.maxUploadBytes, 1048576);
});

it('keeps the crash suite\'s fault injection out of production', () => {
  assert.equal(loadConfig({}).crashTest, null);
  assert.deepEqual(loadConfig({ MOTCUA_TEST_KILL_AT: 'after-commit', MOTCUA_TEST_KILL_ON_COMMIT: '7' }).crashTest, { killAt: 'after-commit', killOnCommit: 7, acknowledgeBeforeCommit: false });
  assert.throws(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://motcua@db/motcua', MOTCUA_TEST_ACK_BEFORE_COMMIT: 'true' }), /test-only fault injection: refused in production/);
});

it('ends sessions after 30 idle minutes and 12 hours by default, and caps audited refusals', () => {
  const config = loadConfig({});
  assert.deepEqual([config.session.idleMinutes, config.session.ttlHours], [30, 12]);
  assert.deepEqual(config.accessAudit, { maxPerMinute: 600, flushMs: 1000 });
  assert.equal(loadConfig({ SESSION_IDLE_MINUTES: '15' }).session.idleMinutes, 15);
  assert.throws(() => loadConfig({ SESSION_IDLE_MINUTES: '0' }), ConfigError);
});
