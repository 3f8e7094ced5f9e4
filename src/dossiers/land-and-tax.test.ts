// The seeds' land-and-tax inter-agency case, end to end through HTTP on both databases: counter intake
// at the provincial centre, land registration office and tax office in parallel, a payment pause, the
// join, an apology with one new date, the decision, the records, the return — every figure asserted.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEMO_PROCEDURES } from '../demo/demo-procedures.js';
import { unitIdByCode as unitId, postAs as post } from '../../test/support/dossier-requests.js';
import { forEachDialect } from '../../test/support/test-app.js';
import { testClock } from '../../test/support/test-clock.js';

const clock = testClock('2026-03-09T02:00:00.000Z'); // Monday 09/03/2026 09:00 in Vietnam

function task(dossier: { tasks: Array<{ id: string; stepKey: string; status: string; dueAt: string | null }> }, stepKey: string) {
  const found = [...dossier.tasks].reverse().find((t) => t.stepKey === stepKey);
  assert.ok(found, `task ${stepKey}`);
  return found;
}

forEachDialect(
  'land and tax, inter-agency, end to end',
  (testApp) => {
    it('walks a land transfer through both agencies to the returned result', async () => {
      const t = testApp();
      clock.set('2026-03-09T02:00:00.000Z');
      const centre = await unitId(t, '000.01.01.H01');
      const landOffice = await unitId(t, '000.01.12.H01');
      const tax = await unitId(t, '000.00.31.H01');
      const procedure = (await t.inject({ method: 'GET', url: `/api/v1/procedures/${DEMO_PROCEDURES.landTransfer.code}` })).json();
      const components = procedure.cases.find((c: { code: string }) => c.code === 'TH1').components.map((c: { code: string }) => ({ code: c.code, originals: 1, copies: 0 }));

      // Intake at the counter of the provincial centre, Monday 09:00.
      let dossier = await post(t, 'tinh.motcua', '/api/v1/dossiers', {
        procedureCode: DEMO_PROCEDURES.landTransfer.code,
        caseCode: 'TH1',
        receivingUnitId: centre,
        channel: 'in_person',
        applicant: { kind: 'person', name: 'Nguyễn Thị Hồng Nhung', idNumber: '089186001234', address: 'Ấp Hòa Long, xã Cần Đăng', phone: '0912345678', email: null },
        subject: 'Đăng ký chuyển nhượng quyền sử dụng đất thửa số 125, tờ bản đồ số 12',
        components,
        resultDelivery: 'counter',
        outcome: { kind: 'receive' },
      }, 201);
      assert.equal(dossier.code, '000.01.01.H01-260309-0001');
      assert.equal(dossier.status, 'received');
      assert.equal(dossier.nationalStatus, 2);
      assert.equal(dossier.nationalChannel, 1);
      // 10 working days counted from Tuesday 10/03: due at the close of office hours on Monday 23/03.
      assert.equal(dossier.dueAt, '2026-03-23T10:00:00.000Z');
      assert.ok(dossier.dueExplanation.vi.length > 0 && dossier.dueExplanation.en.length > 0);
      const land = task(dossier, 'land-appraise');
      const taxTask = task(dossier, 'tax-assess');
      assert.equal(task(dossier, 'intake').status, 'done');
      assert.deepEqual([land.status, taxTask.status], ['active', 'active'], 'both agencies work at once');
      assert.equal((land as unknown as { unitId: string }).unitId, landOffice);
      assert.equal((taxTask as unknown as { unitId: string }).unitId, tax);
      assert.equal((land as unknown as { dueAt: string }).dueAt, '2026-03-16T02:00:00.000Z', '40 working hours from Monday 09:00');
      assert.equal((taxTask as unknown as { dueAt: string }).dueAt, '2026-03-12T02:00:00.000Z', '24 working hours from Monday 09:00');

      // Someone from another commune cannot touch it.
      await post(t, 'candang.chuyenvien', `/api/v1/dossiers/${dossier.id}/tasks/${land.id}/assign`, {}, 403);

      await post(t, 'datdai.chuyenvien', `/api/v1/dossiers/${dossier.id}/tasks/${land.id}/assign`, {});
      dossier = await post(t, 'thue.chuyenvien', `/api/v1/dossiers/${dossier.id}/tasks/${taxTask.id}/assign`, {});
      assert.equal(dossier.status, 'processing');
      assert.equal(dossier.nationalStatus, 4);

      // Wednesday 09:00: the tax office asks for the financial obligation; the clock stops.
      clock.set('2026-03-11T02:00:00.000Z');
      dossier = await post(t, 'thue.chuyenvien', `/api/v1/dossiers/${dossier.id}/payment-request`, { reason: 'Nộp thuế thu nhập cá nhân và lệ phí trước bạ', items: ['Thuế TNCN: 10.000.000 đồng', 'Lệ phí trước bạ: 2.500.000 đồng'], amount: 12_500_000 });
      assert.equal(dossier.status, 'payment_requested');
      assert.equal(dossier.nationalStatus, 6);
      const paused = await t.inject({ method: 'POST', url: `/api/v1/dossiers/${dossier.id}/tasks/${land.id}/complete`, headers: { cookie: await t.login('datdai.chuyenvien') }, payload: {} });
      assert.equal(paused.statusCode, 409);
      assert.equal(paused.json().error.code, 'DOSSIER_PAUSED');

      // Friday 09:00: paid. Two working days paused move the appointment and the steps by two days.
      clock.set('2026-03-13T02:00:00.000Z');
      dossier = await post(t, 'tinh.motcua', `/api/v1/dossiers/${dossier.id}/resume`, { paymentReference: 'BL-2026-000123' });
      assert.equal(dossier.status, 'processing');
      assert.equal(dossier.dueAt, '2026-03-25T10:00:00.000Z');
      assert.equal(dossier.legalDueAt, '2026-03-25T10:00:00.000Z');
      assert.equal(task(dossier, 'tax-assess').dueAt, '2026-03-16T02:00:00.000Z');
      assert.equal(task(dossier, 'land-appraise').dueAt, '2026-03-18T02:00:00.000Z');

      clock.set('2026-03-13T03:00:00.000Z');
      dossier = await post(t, 'thue.chuyenvien', `/api/v1/dossiers/${dossier.id}/tasks/${taxTask.id}/complete`, { note: 'Đã xác định nghĩa vụ tài chính' });
      assert.equal(dossier.tasks.filter((x: { status: string }) => x.status === 'active').length, 1, 'the stage waits for the lead branch (join)');

      clock.set('2026-03-17T03:00:00.000Z');
      dossier = await post(t, 'datdai.chuyenvien', `/api/v1/dossiers/${dossier.id}/tasks/${land.id}/complete`, { note: 'Hồ sơ hợp lệ' });
      const approve = task(dossier, 'land-approve');
      assert.equal(approve.status, 'active');
      assert.equal((approve as unknown as { fromUnitId: string }).fromUnitId, landOffice);

      // Wednesday 25/03 08:00, the last working day: it will be late; the leader apologises with one new date.
      clock.set('2026-03-25T01:00:00.000Z');
      const worklist = (await t.inject({ method: 'GET', url: '/api/v1/dossiers/worklist?view=overdue', headers: { cookie: await t.login('datdai.lanhdao') } })).json();
      assert.equal(worklist.counts.overdue, 1, 'the approval step is overdue (its allotment ended on 19/03)');
      const detail = (await t.inject({ method: 'GET', url: `/api/v1/dossiers/${dossier.id}`, headers: { cookie: await t.login('datdai.lanhdao') } })).json();
      assert.equal(detail.isAtRisk, true, 'due within one working day');
      assert.equal(detail.permissions.apologise, true);
      dossier = await post(t, 'datdai.lanhdao', `/api/v1/dossiers/${dossier.id}/apology`, { reason: 'Cần xác minh thêm ranh giới thửa đất', newDueAt: '2026-03-27T10:00:00.000Z' });
      assert.equal(dossier.dueAt, '2026-03-27T10:00:00.000Z');
      assert.equal(dossier.legalDueAt, '2026-03-25T10:00:00.000Z');
      const again = await t.inject({ method: 'POST', url: `/api/v1/dossiers/${dossier.id}/apology`, headers: { cookie: await t.login('datdai.lanhdao') }, payload: { reason: 'Lần hai', newDueAt: '2026-03-30T10:00:00.000Z' } });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'DOSSIER_APOLOGY_ALREADY_ISSUED');

      clock.set('2026-03-26T02:00:00.000Z');
      const early = await t.inject({ method: 'POST', url: `/api/v1/dossiers/${dossier.id}/return`, headers: { cookie: await t.login('tinh.motcua') }, payload: { method: 'counter' } });
      assert.equal(early.statusCode, 409);
      assert.equal(early.json().error.code, 'DOSSIER_NOT_RESOLVED');
      const noDecision = await t.inject({ method: 'POST', url: `/api/v1/dossiers/${dossier.id}/tasks/${approve.id}/complete`, headers: { cookie: await t.login('datdai.lanhdao') }, payload: {} });
      assert.equal(noDecision.json().error.code, 'DOSSIER_DECISION_REQUIRED');
      dossier = await post(t, 'datdai.lanhdao', `/api/v1/dossiers/${dossier.id}/tasks/${approve.id}/complete`, { decision: { outcome: 'approved', note: null, documents: [{ name: 'Giấy chứng nhận quyền sử dụng đất', number: 'CS 123456', attachmentId: null }] } });
      assert.equal(dossier.decision.outcome, 'approved');
      const records = task(dossier, 'land-records');

      clock.set('2026-03-26T08:00:00.000Z');
      dossier = await post(t, 'datdai.chuyenvien', `/api/v1/dossiers/${dossier.id}/tasks/${records.id}/complete`, {});
      assert.equal(dossier.status, 'resolved');
      assert.equal(dossier.nationalStatus, 9);
      assert.equal(dossier.resolvedAt, '2026-03-26T08:00:00.000Z');
      assert.equal(dossier.timeliness, 'late', 'late against the legal appointment of 25/03, whatever the apology promised');

      clock.set('2026-03-27T01:00:00.000Z');
      dossier = await post(t, 'tinh.motcua', `/api/v1/dossiers/${dossier.id}/return`, { method: 'counter', note: 'Công dân nhận trực tiếp' });
      assert.equal(dossier.status, 'returned');
      assert.equal(dossier.nationalStatus, 10);

      const closed = await t.inject({ method: 'POST', url: `/api/v1/dossiers/${dossier.id}/supplement-request`, headers: { cookie: await t.login('datdai.chuyenvien') }, payload: { reason: 'x', items: ['y'] } });
      assert.equal(closed.statusCode, 409);
      assert.equal(closed.json().error.code, 'DOSSIER_CLOSED');

      const sheet = (await t.inject({ method: 'GET', url: `/api/v1/dossiers/${dossier.id}/control-sheet`, headers: { cookie: await t.login('tinh.motcua') } })).json();
      assert.deepEqual(
        sheet.rows.map((r: { step: { vi: string }; fromUnit: { id: string } | null; toUnit: { id: string }; result: string }) => [r.step.vi, r.fromUnit?.id ?? null, r.toUnit.id, r.result]),
        [
          ['Tiếp nhận hồ sơ', null, centre, 'on_time'],
          ['Thẩm định hồ sơ đất đai', centre, landOffice, 'early'],
          ['Xác định nghĩa vụ tài chính', centre, tax, 'early'],
          ['Lãnh đạo phê duyệt, ký', landOffice, landOffice, 'late'],
          ['Cập nhật hồ sơ địa chính, chỉnh lý giấy chứng nhận', landOffice, landOffice, 'early'],
          ['Trả kết quả', landOffice, centre, 'on_time'],
        ],
      );

      const lookup = await t.inject({ method: 'GET', url: `/api/v1/public/dossiers/lookup/${dossier.code}` });
      assert.equal(lookup.statusCode, 200);
      assert.equal(lookup.json().status, 'returned');
      assert.equal(lookup.json().progress.length, 6);
      assert.ok(!lookup.body.includes('Nhung') && !lookup.body.includes('089186001234') && !lookup.body.includes('0912345678'), 'no personal data in the public lookup');

      const events = (await t.inject({ method: 'GET', url: `/api/v1/dossiers/${dossier.id}/events`, headers: { cookie: await t.login('tinh.motcua') } })).json().items;
      assert.deepEqual(
        events.map((e: { type: string }) => e.type),
        ['drafted', 'received', 'task_assigned', 'task_assigned', 'payment_requested', 'pause_ended', 'task_completed', 'task_completed', 'apology_issued', 'decision_recorded', 'task_completed', 'task_completed', 'result_returned'],
      );
      assert.deepEqual(await t.app.services.dossierVerify.verifyOne(dossier.id), []);
    });
  },
  // Sessions outlive the three weeks the test clock travels.
  { clock, env: { SESSION_TTL_HOURS: '720' } },
);
