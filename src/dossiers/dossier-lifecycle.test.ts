// The dossier lifecycle through HTTP on both databases: every channel, the receipt outcomes, gap-free
// codes under concurrent intake (with requests failing after taking a number), idempotency, pauses,
// refusal after appraisal, and the transitions that must be refused.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { DEMO_PROCEDURES } from '../demo/demo-procedures.js';
import { unitIdByCode as unitId } from '../../test/support/dossier-requests.js';
import { forEachDialect, type TestApp } from '../../test/support/test-app.js';
import { testClock } from '../../test/support/test-clock.js';

const clock = testClock('2026-04-06T01:30:00.000Z'); // Monday 06/04/2026 08:30 in Vietnam
const BIRTH = DEMO_PROCEDURES.birthRegistration;

async function call(t: TestApp, user: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const cookie = user ? { cookie: await t.login(user) } : {};
  return t.inject({ method, url, headers: { ...cookie, ...headers }, ...(payload !== undefined ? { payload: payload as object } : {}) });
}

async function ok(t: TestApp, user: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, status = 200) {
  const response = await call(t, user, method, url, payload);
  assert.equal(response.statusCode, status, `${user} ${method} ${url}: ${response.body}`);
  return response.json();
}

async function refused(t: TestApp, user: string, url: string, payload: unknown, status: number, code: string) {
  const response = await call(t, user, 'POST', url, payload);
  assert.equal(response.statusCode, status, `${user} POST ${url}: ${response.body}`);
  assert.equal(response.json().error.code, code);
}

async function birthFiling(t: TestApp) {
  const procedure = (await t.inject({ method: 'GET', url: `/api/v1/procedures/${BIRTH.code}` })).json();
  const components = procedure.cases[0].components.map((c: { code: string }) => ({ code: c.code, originals: 1, copies: 0 }));
  return {
    procedureCode: BIRTH.code,
    caseCode: BIRTH.caseCode,
    receivingUnitId: await unitId(t, '001.21.45.H01'),
    applicant: { kind: 'person', name: 'Lê Văn Tám', idNumber: '089090001122', address: 'Ấp An Thái, xã Cần Đăng', phone: '0987654321', email: 'tam@example.vn' },
    subject: 'Đăng ký khai sinh cho con Lê Ngọc Hân',
    components,
    resultDelivery: 'counter',
  };
}

function active(dossier: { tasks: Array<{ id: string; stepKey: string; status: string }> }, stepKey: string) {
  const task = dossier.tasks.find((t) => t.stepKey === stepKey && t.status === 'active');
  assert.ok(task, `active ${stepKey}`);
  return task;
}

forEachDialect(
  'dossier lifecycle',
  (testApp) => {
    it('numbers concurrent intakes without gaps, even when transactions fail after taking a number', async () => {
      const t = testApp();
      clock.set('2026-04-06T01:30:00.000Z');
      const filing = await birthFiling(t);
      const cookie = await t.login('candang.motcua');
      const store = t.app.services.dossierStore;
      const failing = Array.from({ length: 10 }, () =>
        store
          .create(randomUUID(), {
            events: [],
            finalise: async (repos) => {
              await repos.dossiers.nextSerial(filing.receivingUnitId, '2026-04-06');
              throw new Error('fails after taking a number');
            },
          }, { at: clock.now().toISOString(), actorId: null, unitId: null })
          .then(() => 'created', () => 'failed'),
      );
      const intakes = Array.from({ length: 30 }, () => t.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { cookie }, payload: { ...filing, channel: 'in_person', outcome: { kind: 'receive' } } }));
      const [outcomes, responses] = await Promise.all([Promise.all(failing), Promise.all(intakes)]);
      assert.deepEqual(new Set(outcomes), new Set(['failed']));
      for (const r of responses) assert.equal(r.statusCode, 201, r.body);
      const codes = responses.map((r) => r.json().code as string).sort();
      assert.deepEqual(codes, Array.from({ length: 30 }, (_, i) => `001.21.45.H01-260406-${String(i + 1).padStart(4, '0')}`));
    });

    it('files online as a draft, submits it, and the desk receives it with the next number', async () => {
      const t = testApp();
      const filing = await birthFiling(t);
      const created = await ok(t, null, 'POST', '/api/v1/public/dossiers', { ...filing, submit: false }, 201);
      assert.equal(created.dossier.status, 'draft');
      assert.ok(created.draftToken);
      const id = created.dossier.id;
      const forbidden = await call(t, null, 'POST', `/api/v1/public/dossiers/${id}/submit`, undefined, { 'x-draft-token': 'x'.repeat(43) });
      assert.equal(forbidden.json().error.code, 'DOSSIER_DRAFT_TOKEN_INVALID');
      // The applicant reads the draft back with its token (to resume it in another tab), nobody else.
      const own = await call(t, null, 'GET', `/api/v1/public/dossiers/${id}`, undefined, { 'x-draft-token': created.draftToken });
      assert.equal(own.statusCode, 200, own.body);
      assert.equal(own.json().applicant.idNumber, filing.applicant.idNumber);
      assert.equal((await call(t, null, 'GET', `/api/v1/public/dossiers/${id}`, undefined, { 'x-draft-token': 'y'.repeat(43) })).json().error.code, 'DOSSIER_DRAFT_TOKEN_INVALID');
      assert.equal((await call(t, null, 'GET', `/api/v1/public/dossiers/${id}`)).json().error.code, 'DOSSIER_DRAFT_TOKEN_INVALID');
      const patched = await call(t, null, 'PATCH', `/api/v1/public/dossiers/${id}`, { subject: 'Đăng ký khai sinh (đã sửa)' }, { 'x-draft-token': created.draftToken });
      assert.equal(patched.json().subject, 'Đăng ký khai sinh (đã sửa)');
      const submitted = await call(t, null, 'POST', `/api/v1/public/dossiers/${id}/submit`, undefined, { 'x-draft-token': created.draftToken });
      assert.equal(submitted.json().status, 'submitted');
      assert.equal(submitted.json().nationalStatus, 1);
      const worklist = await ok(t, 'candang.motcua', 'GET', '/api/v1/dossiers/worklist?view=to_receive');
      assert.ok(worklist.items.some((i: { dossier: { id: string } }) => i.dossier.id === id));
      await refused(t, 'vinhhanh.motcua', `/api/v1/dossiers/${id}/receive`, {}, 403, 'FORBIDDEN');
      const received = await ok(t, 'candang.motcua', 'POST', `/api/v1/dossiers/${id}/receive`, {});
      assert.equal(received.code, '001.21.45.H01-260406-0031');
      assert.equal(received.channel, 'online');
      assert.equal(received.nationalChannel, 2);
      // After receipt, the same token shows the applicant the code and the appointment.
      const ownReceived = (await call(t, null, 'GET', `/api/v1/public/dossiers/${id}`, undefined, { 'x-draft-token': created.draftToken })).json();
      assert.equal(ownReceived.code, received.code);
      assert.equal(ownReceived.dueAt, received.dueAt);
      await refused(t, 'candang.motcua', `/api/v1/dossiers/${id}/receive`, {}, 409, 'DOSSIER_TRANSITION_NOT_ALLOWED');
    });

    it('returns the first answer for a retried request with the same Idempotency-Key', async () => {
      const t = testApp();
      const filing = { ...(await birthFiling(t)), channel: 'in_person', outcome: { kind: 'receive' } };
      const headers = { 'idempotency-key': `intake-${randomUUID()}` };
      const first = await call(t, 'candang.motcua', 'POST', '/api/v1/dossiers', filing, headers);
      const second = await call(t, 'candang.motcua', 'POST', '/api/v1/dossiers', filing, headers);
      assert.equal(first.statusCode, 201);
      assert.equal(second.statusCode, 201);
      assert.equal(second.json().id, first.json().id);
      assert.equal(second.json().code, first.json().code);
      const other = await call(t, 'candang.motcua', 'POST', '/api/v1/dossiers', { ...filing, subject: 'khác' }, headers);
      assert.equal(other.statusCode, 422);
      assert.equal(other.json().error.code, 'IDEMPOTENCY_KEY_REUSED');
      const found = await ok(t, 'candang.motcua', 'GET', `/api/v1/dossiers?applicantIdNumber=089090001122&limit=200`);
      assert.equal(found.items.filter((d: { id: string }) => d.id === first.json().id).length, 1);
    });

    it('asks for a complete dossier at the counter, listing every missing item, without a number', async () => {
      const t = testApp();
      const filing = await birthFiling(t);
      const missing = await call(t, 'candang.motcua', 'POST', '/api/v1/dossiers', { ...filing, components: [], channel: 'in_person', outcome: { kind: 'receive' } });
      assert.equal(missing.statusCode, 422);
      assert.equal(missing.json().error.code, 'DOSSIER_MISSING_COMPONENTS');
      assert.ok(missing.json().error.details.missing.length >= 1);
      const returned = await ok(t, 'candang.motcua', 'POST', '/api/v1/dossiers', { ...filing, components: [], channel: 'in_person', outcome: { kind: 'return_for_completion', reason: 'Thiếu giấy chứng sinh', items: ['Giấy chứng sinh (bản chính)'] } }, 201);
      assert.equal(returned.status, 'returned_for_completion');
      assert.equal(returned.code, null);
      assert.deepEqual(returned.atReceipt.items, ['Giấy chứng sinh (bản chính)']);
    });

    it('supplement pause, refusal after appraisal, return of the refusal; and what cannot happen', async () => {
      const t = testApp();
      const filing = { ...(await birthFiling(t)), channel: 'postal', handoverSignedAt: '2026-04-06T01:00:00.000Z', outcome: { kind: 'receive' } };
      let dossier = await ok(t, 'candang.motcua', 'POST', '/api/v1/dossiers', filing, 201);
      assert.equal(dossier.receivedAt, '2026-04-06T01:00:00.000Z', 'the legal receipt instant of a postal dossier is the signing of the hand-over record');
      assert.equal(dossier.nationalChannel, 3);
      const appraise = active(dossier, 'appraise');
      await ok(t, 'candang.chuyenvien', 'POST', `/api/v1/dossiers/${dossier.id}/tasks/${appraise.id}/assign`, {});
      dossier = await ok(t, 'candang.chuyenvien', 'POST', `/api/v1/dossiers/${dossier.id}/supplement-request`, { reason: 'Giấy chứng sinh không rõ', items: ['Giấy chứng sinh bản rõ nét'] });
      assert.equal(dossier.status, 'supplement_requested');
      assert.equal(dossier.nationalStatus, 5);
      const lookup = (await t.inject({ method: 'GET', url: `/api/v1/public/dossiers/lookup/${dossier.code}` })).json();
      assert.deepEqual(lookup.askedOfApplicant.items, ['Giấy chứng sinh bản rõ nét']);
      await refused(t, 'candang.chuyenvien', `/api/v1/dossiers/${dossier.id}/tasks/${appraise.id}/complete`, {}, 409, 'DOSSIER_PAUSED');
      clock.set('2026-04-07T01:30:00.000Z');
      dossier = await ok(t, 'candang.motcua', 'POST', `/api/v1/dossiers/${dossier.id}/resume`, {});
      assert.equal(dossier.status, 'processing');
      assert.ok(dossier.legalDueAt > dossier.tasks[0].startedAt);
      dossier = await ok(t, 'candang.chuyenvien', 'POST', `/api/v1/dossiers/${dossier.id}/tasks/${appraise.id}/complete`, { note: 'Đề nghị từ chối' });
      await refused(t, 'candang.chuyenvien', `/api/v1/dossiers/${dossier.id}/tasks/${appraise.id}/complete`, {}, 409, 'DOSSIER_TASK_NOT_ACTIVE');
      const approve = active(dossier, 'approve');
      await refused(t, 'candang.lanhdao', `/api/v1/dossiers/${dossier.id}/tasks/${approve.id}/complete`, { decision: { outcome: 'refused' } }, 422, 'DOSSIER_DECISION_REQUIRED');
      dossier = await ok(t, 'candang.lanhdao', 'POST', `/api/v1/dossiers/${dossier.id}/tasks/${approve.id}/complete`, { decision: { outcome: 'refused', note: 'Người yêu cầu không thuộc đối tượng đăng ký tại xã' } });
      assert.equal(dossier.status, 'resolved');
      assert.equal(dossier.decision.outcome, 'refused');
      await refused(t, 'candang.motcua', `/api/v1/dossiers/${dossier.id}/withdraw`, { reason: 'Công dân rút' }, 409, 'DOSSIER_DECISION_TAKEN');
      dossier = await ok(t, 'candang.motcua', 'POST', `/api/v1/dossiers/${dossier.id}/return`, { method: 'post' });
      assert.equal(dossier.status, 'returned');
      assert.equal(dossier.returnMethod, 'post');
      await refused(t, 'candang.lanhdao', `/api/v1/dossiers/${dossier.id}/apology`, { reason: 'x', newDueAt: '2026-05-01T10:00:00.000Z' }, 409, 'DOSSIER_CLOSED');
      assert.deepEqual(await t.app.services.dossierVerify.verifyOne(dossier.id), []);
    });

    it('withdraws before a decision, cancels a mistaken dossier, and hides it from the public lookup', async () => {
      const t = testApp();
      const filing = { ...(await birthFiling(t)), channel: 'in_person', outcome: { kind: 'receive' } };
      const first = await ok(t, 'candang.motcua', 'POST', '/api/v1/dossiers', filing, 201);
      const withdrawn = await ok(t, 'candang.motcua', 'POST', `/api/v1/dossiers/${first.id}/withdraw`, { reason: 'Công dân xin rút hồ sơ' });
      assert.equal(withdrawn.status, 'withdrawn');
      assert.equal(withdrawn.nationalStatus, 7);
      assert.ok(withdrawn.tasks.every((task: { status: string }) => task.status !== 'active'));
      const second = await ok(t, 'candang.motcua', 'POST', '/api/v1/dossiers', filing, 201);
      await refused(t, 'candang.motcua', `/api/v1/dossiers/${second.id}/cancel`, { reason: 'Nhập nhầm' }, 403, 'FORBIDDEN');
      const cancelled = await ok(t, 'candang.quantri', 'POST', `/api/v1/dossiers/${second.id}/cancel`, { reason: 'Nhập nhầm thủ tục' });
      assert.equal(cancelled.status, 'cancelled');
      assert.equal((await t.inject({ method: 'GET', url: `/api/v1/public/dossiers/lookup/${second.code}` })).statusCode, 404);
      const staff = await ok(t, 'candang.motcua', 'GET', `/api/v1/dossiers/by-code/${second.code}`);
      assert.equal(staff.closedReason, 'Nhập nhầm thủ tục');
      const report = await t.app.services.dossierVerify.verifyAll();
      assert.ok(report.checked >= 2);
      assert.deepEqual(report.mismatches, []);
    });
  },
  { clock, env: { SESSION_TTL_HOURS: '720' } },
);
