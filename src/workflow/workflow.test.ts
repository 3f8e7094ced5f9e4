// Process definitions through HTTP on both databases: drafts, publication checked against the legal
// limit, immutability once published, the version in force on a date, and who may do it.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEMO_PROCEDURES } from '../demo/demo-procedures.js';
import { forEachDialect } from '../../test/support/test-app.js';
import { testClock } from '../../test/support/test-clock.js';
import { standardProcess } from './templates.js';

const clock = testClock('2026-05-04T02:00:00.000Z');
const CERTIFIED = DEMO_PROCEDURES.certifiedCopy;

forEachDialect(
  'process definitions API',
  (testApp) => {
    it('serves the demo definitions in force, one per procedure case', async () => {
      const t = testApp();
      const cookie = await t.login('candang.chuyenvien');
      const land = await t.inject({ method: 'GET', url: `/api/v1/process-definitions/in-force?procedureCode=${DEMO_PROCEDURES.landTransfer.code}&caseCode=TH1`, headers: { cookie } });
      assert.equal(land.statusCode, 200, land.body);
      assert.equal(land.json().totalHours, 80);
      assert.deepEqual(land.json().body.stages[1].branches.map((b: { key: string; lead: boolean }) => [b.key, b.lead]), [['land', true], ['tax', false]]);
      const anonymous = await t.inject({ method: 'GET', url: '/api/v1/process-definitions' });
      assert.equal(anonymous.statusCode, 401);
    });

    it('publishes a new version from a later date; the old one stays in force until then and nothing published changes', async () => {
      const t = testApp();
      const cookie = await t.login('tinh.quantri');
      const current = (await t.inject({ method: 'GET', url: `/api/v1/process-definitions/in-force?procedureCode=${CERTIFIED.code}&caseCode=TH1`, headers: { cookie } })).json();
      const limit = { amount: current.totalHours, unit: 'working_hours' as const, noAppointmentDate: false };
      const body = standardProcess(limit, { kind: 'applicant_commune' });

      const wrong = await t.inject({ method: 'POST', url: '/api/v1/process-definitions', headers: { cookie }, payload: { procedureCode: CERTIFIED.code, caseCode: 'TH1', name: 'Quy trình mới', body: standardProcess({ amount: current.totalHours + 8, unit: 'working_hours', noAppointmentDate: false }, { kind: 'applicant_commune' }) } });
      assert.equal(wrong.statusCode, 201);
      const check = (await t.inject({ method: 'GET', url: `/api/v1/process-definitions/${wrong.json().id}/check`, headers: { cookie } })).json();
      assert.match(check.problems[0].message, /legal limit/);
      assert.equal(check.totalHours, current.totalHours + 8);
      assert.equal(check.legalLimit.hours, current.totalHours, 'the check names the limit the allotments must add up to');
      const refused = await t.inject({ method: 'POST', url: `/api/v1/process-definitions/${wrong.json().id}/publish`, headers: { cookie }, payload: { revision: 1, effectiveFrom: '2026-06-01' } });
      assert.equal(refused.statusCode, 422);
      assert.equal(refused.json().error.code, 'PROCESS_DEFINITION_INVALID');
      const fixed = await t.inject({ method: 'PATCH', url: `/api/v1/process-definitions/${wrong.json().id}`, headers: { cookie }, payload: { revision: 1, body } });
      assert.equal(fixed.statusCode, 200, fixed.body);
      const stale = await t.inject({ method: 'PATCH', url: `/api/v1/process-definitions/${wrong.json().id}`, headers: { cookie }, payload: { revision: 1, name: 'x' } });
      assert.equal(stale.json().error.code, 'PROCESS_DEFINITION_REVISION_CONFLICT');
      const past = await t.inject({ method: 'POST', url: `/api/v1/process-definitions/${wrong.json().id}/publish`, headers: { cookie }, payload: { revision: 2, effectiveFrom: '2026-05-01' } });
      assert.equal(past.json().error.code, 'PROCESS_DEFINITION_PAST_DATE');
      const published = await t.inject({ method: 'POST', url: `/api/v1/process-definitions/${wrong.json().id}/publish`, headers: { cookie }, payload: { revision: 2, effectiveFrom: '2026-06-01' } });
      assert.equal(published.statusCode, 200, published.body);
      assert.equal(published.json().version, current.version + 1);

      const before = (await t.inject({ method: 'GET', url: `/api/v1/process-definitions/in-force?procedureCode=${CERTIFIED.code}&caseCode=TH1&asOf=2026-05-31`, headers: { cookie } })).json();
      const after = (await t.inject({ method: 'GET', url: `/api/v1/process-definitions/in-force?procedureCode=${CERTIFIED.code}&caseCode=TH1&asOf=2026-06-01`, headers: { cookie } })).json();
      assert.equal(before.id, current.id);
      assert.equal(before.effectiveTo, '2026-05-31');
      assert.equal(after.id, published.json().id);
      const edit = await t.inject({ method: 'PATCH', url: `/api/v1/process-definitions/${after.id}`, headers: { cookie }, payload: { revision: after.revision, name: 'sửa bản đã ban hành' } });
      assert.equal(edit.statusCode, 409);
      assert.equal(edit.json().error.code, 'PROCESS_DEFINITION_PUBLISHED');
      const remove = await t.inject({ method: 'DELETE', url: `/api/v1/process-definitions/${after.id}`, headers: { cookie } });
      assert.equal(remove.json().error.code, 'PROCESS_DEFINITION_PUBLISHED');
      const versions = (await t.inject({ method: 'GET', url: `/api/v1/process-definitions/versions?procedureCode=${CERTIFIED.code}&caseCode=TH1`, headers: { cookie } })).json().items;
      assert.deepEqual(versions.map((v: { status: string }) => v.status), ['published', 'published']);
    });

    it('lets only the province administrators define processes', async () => {
      const t = testApp();
      const payload = { procedureCode: CERTIFIED.code, caseCode: 'TH1', name: 'x', body: standardProcess({ amount: 8, unit: 'working_hours', noAppointmentDate: false }, { kind: 'applicant_commune' }) };
      for (const user of ['candang.quantri', 'candang.lanhdao', 'tinh.motcua']) {
        const response = await t.inject({ method: 'POST', url: '/api/v1/process-definitions', headers: { cookie: await t.login(user) }, payload });
        assert.equal(response.statusCode, 403, `${user}: ${response.body}`);
      }
      const unknown = await t.inject({ method: 'POST', url: '/api/v1/process-definitions', headers: { cookie: await t.login('tinh.quantri') }, payload: { ...payload, procedureCode: '9.999999' } });
      assert.equal(unknown.json().error.code, 'PROCEDURE_NOT_FOUND');
    });
  },
  { clock },
);
