// A process remembers the dossiers it wrote last and decides the next command on that state. Another node
// (here: a second set of services over the same database, as a second server process would be) moves a
// dossier on meanwhile: the first node's next command must still be decided on the stored state — whether
// the remembered state would refuse it, or would accept it but can no longer be written — and the
// projection stays the fold of the events.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createServices } from '../composition.js';
import { postAs as post, unitIdByCode } from '../../test/support/dossier-requests.js';
import { forEachDialect } from '../../test/support/test-app.js';
import { testClock } from '../../test/support/test-clock.js';

const clock = testClock('2026-06-01T01:30:00.000Z'); // Monday 08:30 in Vietnam
const activeStep = (d: { tasks: ReadonlyArray<{ id: string; stepKey: string; status: string }> }, key: string) => d.tasks.find((t) => t.stepKey === key && t.status === 'active')!;

forEachDialect(
  'remembered dossier states and a second node',
  (testApp) => {
    it('decides on the stored state when another node moved the dossier on', async () => {
      const t = testApp();
      const other = createServices(t.app.database, t.config, clock); // the second node: its own remembered states
      const tokenOf = async (user: string) => (await t.login(user)).split('=').slice(1).join('=');
      const actorOn = async (user: string) => (await other.auth.authenticate(await tokenOf(user)))!;
      const desk = await unitIdByCode(t, '001.21.45.H01');
      const procedure = (await t.inject({ method: 'GET', url: '/api/v1/procedures/1.001193' })).json();
      const components = procedure.cases[0].components.map((c: { code: string }) => ({ code: c.code, originals: 1, copies: 0 }));
      let dossier = await post(t, 'candang.motcua', '/api/v1/dossiers', {
        procedureCode: '1.001193',
        caseCode: procedure.cases[0].code,
        receivingUnitId: desk,
        channel: 'in_person',
        applicant: { kind: 'person', name: 'Lê Thị Hoa', idNumber: '089123456789', address: 'ấp An Thái', phone: '0909000111', email: null },
        subject: 'Đăng ký khai sinh',
        components,
        resultDelivery: 'counter',
        outcome: { kind: 'receive' },
      }, 201);
      const appraise = activeStep(dossier, 'appraise');
      await post(t, 'candang.chuyenvien', `/api/v1/dossiers/${dossier.id}/tasks/${appraise.id}/assign`, {});

      // The other node completes the appraisal: the approval step starts there.
      const afterOther = await other.processing.complete(await actorOn('candang.chuyenvien'), dossier.id, appraise.id, { note: 'Hợp lệ' });
      const approve = activeStep(afterOther, 'approve');

      // This node still remembers the appraisal as active, with no approval step: on that state the leader's
      // command would be refused; it is decided again on the stored state and succeeds.
      dossier = await post(t, 'candang.lanhdao', `/api/v1/dossiers/${dossier.id}/tasks/${approve.id}/complete`, { decision: { outcome: 'approved', note: null, documents: [{ name: 'Giấy khai sinh', number: null, attachmentId: null }] } });
      assert.equal(dossier.status, 'resolved');

      // The other node notifies the applicant early; this node (remembering the state before) returns the result:
      // accepted on the remembered state, its write loses the race and it is decided again on the stored one.
      await other.closing.notifyEarlyReturn(await actorOn('candang.motcua'), dossier.id, { via: 'sms' });
      dossier = await post(t, 'candang.motcua', `/api/v1/dossiers/${dossier.id}/return`, { method: 'counter' });
      assert.equal(dossier.status, 'returned');
      assert.ok(dossier.earlyReturnNotifiedAt, 'the other node’s notice is in the state the return was decided on');

      const events = (await t.inject({ method: 'GET', url: `/api/v1/dossiers/${dossier.id}/events`, headers: { cookie: await t.login('candang.motcua') } })).json().items as Array<{ type: string }>;
      assert.deepEqual(
        events.map((e) => e.type),
        ['drafted', 'received', 'task_assigned', 'task_completed', 'decision_recorded', 'task_completed', 'early_return_notified', 'result_returned'],
        'every command once, each decided on the state it followed',
      );
      assert.deepEqual(await t.app.services.dossierVerify.verifyOne(dossier.id), [], 'the projection is the fold of the events');
    });
  },
  { clock },
);
