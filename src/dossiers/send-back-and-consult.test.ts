// Sending a dossier back to an earlier step, consulting another unit, reassignment by a leader and an
// early-return notice, through HTTP on both databases, as the control sheet records them.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEMO_PROCEDURES } from '../demo/demo-procedures.js';
import { postAs as post } from '../../test/support/dossier-requests.js';
import { forEachDialect } from '../../test/support/test-app.js';
import { testClock } from '../../test/support/test-clock.js';

const clock = testClock('2026-06-01T01:30:00.000Z'); // Monday 01/06/2026 08:30
const BUSINESS = DEMO_PROCEDURES.businessHousehold; // commune level, 3 working days

const activeStep = (d: { tasks: Array<{ id: string; stepKey: string; status: string }> }, key: string) => d.tasks.find((t) => t.stepKey === key && t.status === 'active')!;

forEachDialect(
  'send back, consult, reassign, early return',
  (testApp) => {
    it('records every hand-over on the control sheet', async () => {
      const t = testApp();
      const units = (await t.inject({ method: 'GET', url: '/api/v1/units?limit=100&includeClosed=true' })).json().items as Array<{ id: string; code: string }>;
      const unit = (code: string) => units.find((u) => u.code === code)!.id;
      const procedure = (await t.inject({ method: 'GET', url: `/api/v1/procedures/${BUSINESS.code}` })).json();
      const components = procedure.cases[0].components.map((c: { code: string }) => ({ code: c.code, originals: 1, copies: 0 }));
      let dossier = await post(t, 'candang.motcua', '/api/v1/dossiers', {
        procedureCode: BUSINESS.code,
        caseCode: BUSINESS.caseCode,
        receivingUnitId: unit('001.21.45.H01'),
        channel: 'in_person',
        applicant: { kind: 'person', name: 'Trương Văn Lộc', idNumber: '089077005566', address: 'chợ Cần Đăng', phone: '0909123456', email: null },
        subject: 'Đăng ký hộ kinh doanh tạp hóa',
        components,
        resultDelivery: 'electronic',
        outcome: { kind: 'receive' },
      }, 201);
      const appraise = activeStep(dossier, 'appraise');
      assert.equal((appraise as unknown as { unitId: string }).unitId, unit('000.21.45.H01'), 'the applicant’s commune processes it');

      // The leader assigns the step to the specialist; the specialist asks the tax office's opinion.
      const specialist = (await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: await t.login('candang.chuyenvien') } })).json();
      dossier = await post(t, 'candang.lanhdao', `/api/v1/dossiers/${dossier.id}/tasks/${appraise.id}/assign`, { assigneeId: specialist.id });
      assert.equal(activeStep(dossier, 'appraise').id, appraise.id);
      await post(t, 'candang.lanhdao', `/api/v1/dossiers/${dossier.id}/tasks/${appraise.id}/assign`, { assigneeId: (await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: await t.login('candang.motcua') } })).json().id }, 422);
      dossier = await post(t, 'candang.chuyenvien', `/api/v1/dossiers/${dossier.id}/consultations`, { unitId: unit('000.00.31.H01'), question: 'Xác nhận mã số thuế hộ kinh doanh', workingDays: 1 });
      const consultation = activeStep(dossier, 'consultation');
      assert.equal((consultation as unknown as { unitId: string }).unitId, unit('000.00.31.H01'));
      const worklist = (await t.inject({ method: 'GET', url: '/api/v1/dossiers/worklist?view=unassigned', headers: { cookie: await t.login('thue.chuyenvien') } })).json();
      assert.ok(worklist.items.some((i: { task: { id: string } }) => i.task.id === consultation.id), 'the consulted unit sees the question');
      clock.set('2026-06-01T07:00:00.000Z');
      dossier = await post(t, 'thue.chuyenvien', `/api/v1/dossiers/${dossier.id}/tasks/${consultation.id}/answer`, { answer: 'Đã cấp mã số thuế 8123456789' });
      assert.equal(dossier.tasks.find((x: { id: string }) => x.id === consultation.id).answer, 'Đã cấp mã số thuế 8123456789');

      dossier = await post(t, 'candang.chuyenvien', `/api/v1/dossiers/${dossier.id}/tasks/${appraise.id}/complete`, { note: 'Đủ điều kiện' });
      const approve = activeStep(dossier, 'approve');
      // The leader sends it back to the appraisal with a reason; the appraisal runs again.
      await post(t, 'candang.lanhdao', `/api/v1/dossiers/${dossier.id}/tasks/${approve.id}/send-back`, { toStepKey: 'intake', reason: 'x' }, 422);
      dossier = await post(t, 'candang.lanhdao', `/api/v1/dossiers/${dossier.id}/tasks/${approve.id}/send-back`, { toStepKey: 'appraise', reason: 'Bổ sung ý kiến về địa điểm kinh doanh' });
      const again = activeStep(dossier, 'appraise');
      assert.notEqual(again.id, appraise.id);
      dossier = await post(t, 'candang.chuyenvien', `/api/v1/dossiers/${dossier.id}/tasks/${again.id}/complete`, { note: 'Đã bổ sung' });
      dossier = await post(t, 'candang.lanhdao', `/api/v1/dossiers/${dossier.id}/tasks/${activeStep(dossier, 'approve').id}/complete`, { decision: { outcome: 'approved', note: null, documents: [{ name: 'Giấy chứng nhận đăng ký hộ kinh doanh', number: '53A8012345', attachmentId: null }] } });
      assert.equal(dossier.status, 'resolved');
      assert.equal(dossier.timeliness, 'early');

      dossier = await post(t, 'candang.motcua', `/api/v1/dossiers/${dossier.id}/early-return-notice`, { via: 'sms' });
      assert.ok(dossier.earlyReturnNotifiedAt);
      await post(t, 'candang.motcua', `/api/v1/dossiers/${dossier.id}/early-return-notice`, { via: 'sms' }, 409);
      dossier = await post(t, 'candang.motcua', `/api/v1/dossiers/${dossier.id}/return`, { method: 'electronic' });

      const sheet = (await t.inject({ method: 'GET', url: `/api/v1/dossiers/${dossier.id}/control-sheet`, headers: { cookie: await t.login('candang.lanhdao') } })).json();
      assert.deepEqual(
        sheet.rows.map((r: { kind: string; toUnit: { id: string }; note: string | null }) => [r.kind, r.toUnit.id, r.note]),
        [
          ['intake', unit('001.21.45.H01'), null],
          ['process', unit('000.21.45.H01'), 'Đủ điều kiện'],
          ['consult', unit('000.00.31.H01'), null],
          ['decide', unit('000.21.45.H01'), 'Bổ sung ý kiến về địa điểm kinh doanh'],
          ['process', unit('000.21.45.H01'), 'Đã bổ sung'],
          ['decide', unit('000.21.45.H01'), null],
          ['return', unit('001.21.45.H01'), null],
        ],
      );
      assert.deepEqual(await t.app.services.dossierVerify.verifyOne(dossier.id), []);
    });
  },
  { clock, env: { SESSION_TTL_HOURS: '720' } },
);
