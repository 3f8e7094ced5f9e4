// Historical import on both databases: legacy dossiers with their past events, checked by the live
// rules, all lines or none with a report of rejected lines, idempotent, numbering kept gap-free.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEMO_PROCEDURES } from '../demo/demo-procedures.js';
import { forEachDialect } from '../../test/support/test-app.js';
import { testClock } from '../../test/support/test-clock.js';

const clock = testClock('2026-04-08T02:00:00.000Z'); // Wednesday 08/04/2026 09:00
const BIRTH = DEMO_PROCEDURES.birthRegistration;
const applicant = { kind: 'person', name: 'Phan Thị Lụa', idNumber: '089150004321', address: 'xã Cần Đăng', phone: null, email: null };
const base = { procedureCode: BIRTH.code, caseCode: 'TH1', receivingUnitCode: '001.21.45.H01', channel: 'in_person', applicant, subject: 'Đăng ký khai sinh', resultDelivery: 'counter' };

const lines = [
  // 2019, on the version of the procedure in force then: received, resolved early, returned.
  { ...base, code: '001.21.45.H01-190910-0003', receivedAt: '2019-09-10T02:00:00Z', history: [{ type: 'resolved', at: '2019-09-10T08:00:00Z', outcome: 'approved' }, { type: 'returned', at: '2019-09-11T02:00:00Z', method: 'counter' }] },
  // Received this week and still open after a supplement: its steps start so staff can carry on.
  { ...base, code: '001.21.45.H01-260406-0005', receivedAt: '2026-04-06T02:00:00Z', history: [{ type: 'supplement_requested', at: '2026-04-06T04:00:00Z', reason: 'Thiếu giấy tờ', items: ['Giấy chứng sinh'] }, { type: 'supplement_received', at: '2026-04-07T02:00:00Z' }] },
  // Refused at receipt: no code.
  { ...base, code: null, refusedAtReceipt: { at: '2026-03-02T02:00:00Z', reason: 'Không thuộc thẩm quyền' } },
  // Late, with its apology, resolved and returned by post.
  { ...base, code: 'LEGACY-2025-000042', receivedAt: '2025-08-04T02:00:00Z', dueAt: '2025-08-05T10:00:00Z', history: [{ type: 'apology', at: '2025-08-05T02:00:00Z', reason: 'Chờ xác minh', newDueAt: '2025-08-08T10:00:00Z' }, { type: 'resolved', at: '2025-08-07T08:00:00Z', outcome: 'approved' }, { type: 'returned', at: '2025-08-08T02:00:00Z', method: 'post' }] },
];
const file = lines.map((l) => JSON.stringify(l)).join('\n');

forEachDialect(
  'historical import of dossiers',
  (testApp) => {
    it('refuses the whole file when a line breaks a rule, naming every bad line', async () => {
      const t = testApp();
      const cookie = await t.login('admin');
      const bad = [
        ...lines.slice(0, 2),
        { ...base, code: 'BAD-1', receivedAt: '2026-04-01T02:00:00Z', history: [{ type: 'returned', at: '2026-04-02T02:00:00Z', method: 'counter' }] },
        { ...base, procedureCode: '9.999999', code: 'BAD-2', receivedAt: '2026-04-01T02:00:00Z' },
        { ...base, code: 'BAD-3', receivedAt: '2026-04-01T02:00:00Z', history: [{ type: 'apology', at: '2026-04-01T03:00:00Z', reason: 'a', newDueAt: '2026-04-20T10:00:00Z' }, { type: 'apology', at: '2026-04-01T04:00:00Z', reason: 'b', newDueAt: '2026-04-25T10:00:00Z' }] },
        '{ not json',
      ];
      const body = bad.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');
      const response = await t.inject({ method: 'POST', url: '/api/v1/dossiers/import', headers: { cookie, 'content-type': 'application/x-ndjson' }, payload: body });
      assert.equal(response.statusCode, 422, response.body);
      assert.equal(response.json().error.code, 'DOSSIER_IMPORT_INVALID');
      const rejected = response.json().error.details.rejected as Array<{ line: number; reasons: string[] }>;
      assert.deepEqual(rejected.map((r) => r.line), [3, 4, 5, 6]);
      assert.match(rejected[0]!.reasons[0]!, /DOSSIER_NOT_RESOLVED/);
      assert.match(rejected[1]!.reasons[0]!, /PROCEDURE_NOT_FOUND/);
      assert.match(rejected[2]!.reasons[0]!, /DOSSIER_APOLOGY_ALREADY_ISSUED/);
      assert.equal((await t.app.services.dossierVerify.verifyAll()).checked, 0, 'nothing was imported');
      const desk = await t.inject({ method: 'POST', url: '/api/v1/dossiers/import', headers: { cookie: await t.login('candang.quantri'), 'content-type': 'application/x-ndjson' }, payload: file });
      assert.equal(desk.statusCode, 403);
    });

    it('imports legacy dossiers with their history, idempotently, and keeps numbering after them', async () => {
      const t = testApp();
      const cookie = await t.login('admin');
      const first = await t.inject({ method: 'POST', url: '/api/v1/dossiers/import', headers: { cookie, 'content-type': 'application/x-ndjson' }, payload: file });
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json(), { total: 4, imported: 4, alreadyImported: 0, rejected: [], dryRun: false });
      const again = await t.inject({ method: 'POST', url: '/api/v1/dossiers/import', headers: { cookie, 'content-type': 'application/x-ndjson' }, payload: file });
      assert.deepEqual(again.json(), { total: 4, imported: 0, alreadyImported: 4, rejected: [], dryRun: false });

      const old = (await t.inject({ method: 'GET', url: '/api/v1/dossiers/by-code/001.21.45.H01-190910-0003', headers: { cookie } })).json();
      assert.equal(old.status, 'returned');
      assert.equal(old.receivedAt, '2019-09-10T02:00:00.000Z');
      assert.equal(old.timeliness, 'early');
      assert.ok(old.dueAt, 'the appointment computed by the legal clock of 2019');
      const late = (await t.inject({ method: 'GET', url: '/api/v1/dossiers/by-code/LEGACY-2025-000042', headers: { cookie } })).json();
      assert.equal(late.timeliness, 'late');
      assert.equal(late.dueAt, '2025-08-08T10:00:00.000Z');
      assert.equal(late.legalDueAt, '2025-08-05T10:00:00.000Z');
      const open = (await t.inject({ method: 'GET', url: '/api/v1/dossiers/by-code/001.21.45.H01-260406-0005', headers: { cookie: await t.login('candang.chuyenvien') } })).json();
      assert.equal(open.status, 'processing');
      assert.ok(open.permissions.workableTaskIds.length === 1, 'the specialist can carry on with the open dossier');

      const procedure = (await t.inject({ method: 'GET', url: `/api/v1/procedures/${BIRTH.code}` })).json();
      const components = procedure.cases[0].components.map((c: { code: string }) => ({ code: c.code, originals: 1, copies: 0 }));
      const units = (await t.inject({ method: 'GET', url: '/api/v1/units?q=001.21.45.H01' })).json();
      clock.set('2026-04-06T03:00:00.000Z');
      const next = await t.inject({
        method: 'POST',
        url: '/api/v1/dossiers',
        headers: { cookie: await t.login('candang.motcua') },
        payload: { procedureCode: BIRTH.code, caseCode: 'TH1', receivingUnitId: units.items[0].id, channel: 'in_person', applicant, subject: 'Khai sinh', components, resultDelivery: 'counter', outcome: { kind: 'receive' } },
      });
      clock.set('2026-04-08T02:00:00.000Z');
      assert.equal(next.json().code, '001.21.45.H01-260406-0006', 'numbers of that day continue after the imported one');
      const report = await t.app.services.dossierVerify.verifyAll();
      assert.equal(report.checked, 5);
      assert.deepEqual(report.mismatches, []);
    });
  },
  { clock, env: { SESSION_TTL_HOURS: '720' } },
);
