import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachDialect, startTestApp } from '../../test/support/test-app.js';

forEachDialect(
  'system endpoints',
  (testApp, dialect) => {
    it('reports liveness and readiness with the database in use', async () => {
      const t = testApp();
      const health = await t.inject({ method: 'GET', url: '/health' });
      assert.deepEqual(health.json(), { status: 'ok' });
      const ready = await t.inject({ method: 'GET', url: '/ready' });
      assert.equal(ready.statusCode, 200);
      assert.deepEqual(ready.json(), { status: 'ready', database: dialect });
    });

    it('serves the OpenAPI document with every API route and the error model, and a browsable reference', async () => {
      const t = testApp();
      const doc = (await t.inject({ method: 'GET', url: '/openapi.json' })).json();
      assert.equal(doc.openapi, '3.0.3');
      for (const path of ['/api/v1/units', '/api/v1/units/{id}', '/api/v1/units/{id}/move', '/api/v1/units/import', '/api/v1/auth/login', '/api/v1/staff']) {
        assert.ok(doc.paths[path], `${path} documented`);
      }
      assert.ok(doc.paths['/api/v1/units/{id}'].patch.responses['403'], 'error responses documented');
      assert.ok(doc.components.schemas.ErrorResponse ?? doc.components.schemas['def-0'], 'error schema present');
      const docs = await t.inject({ method: 'GET', url: '/docs/' });
      assert.equal(docs.statusCode, 200);
      assert.match(docs.headers['content-type'] as string, /text\/html/);
    });

    it('echoes a well-formed request id and replaces a malformed one', async () => {
      const t = testApp();
      const kept = await t.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'desk-42.retry_1' } });
      assert.equal(kept.headers['x-request-id'], 'desk-42.retry_1');
      const replaced = await t.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'bad id\twith spaces' } });
      assert.match(replaced.headers['x-request-id'] as string, /^[0-9a-f-]{36}$/);
    });
  },
  { seed: false },
);

it('is not ready when the database is gone, and says so with the error model', async () => {
  const t = await startTestApp('sqlite', { seed: false });
  await t.app.database.close();
  const ready = await t.inject({ method: 'GET', url: '/ready', headers: { 'accept-language': 'en' } });
  assert.equal(ready.statusCode, 503);
  assert.equal(ready.json().error.code, 'NOT_READY');
  assert.equal((await t.inject({ method: 'GET', url: '/health' })).statusCode, 200, 'liveness does not depend on the database');
  await t.close().catch(() => undefined);
});
