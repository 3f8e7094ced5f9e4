// Worklists through HTTP on both databases: a person holding two working roles sees the active steps of both,
// most urgent first, and never a finished step (the worklist indexes hold active tasks only).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEMO_PROCEDURES } from '../demo/demo-procedures.js';
import { postAs as post, unitIdByCode } from '../../test/support/dossier-requests.js';
import { forEachDialect, type TestApp } from '../../test/support/test-app.js';
import { testClock } from '../../test/support/test-clock.js';

const clock = testClock('2026-06-01T01:30:00.000Z'); // Monday 01/06/2026 08:30
const BIRTH = DEMO_PROCEDURES.birthRegistration;

type Task = { id: string; stepKey: string; status: string; dueAt: string | null };
type Worklist = { items: Array<{ task: { id: string; role: string; dueAt: string | null }; dossier: { id: string } }>; total: number; counts: Record<string, number> };

async function worklist(t: TestApp, user: string, view: string): Promise<Worklist> {
  const response = await t.inject({ method: 'GET', url: `/api/v1/dossiers/worklist?view=${view}&limit=200`, headers: { cookie: await t.login(user) } });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/** The worklist's steps of this test's dossiers, by the names given to their task ids. */
function stepsOf(list: Worklist, names: ReadonlyMap<string, string>): string[] {
  return list.items.filter((i) => names.has(i.task.id)).map((i) => names.get(i.task.id)!);
}

forEachDialect(
  'worklists',
  (testApp) => {
    it('shows the active steps of every role a person holds, most urgent first, and no finished step', async () => {
      const t = testApp();
      clock.set('2026-06-01T01:30:00.000Z');
      const desk = await unitIdByCode(t, '001.21.45.H01');
      const procedure = (await t.inject({ method: 'GET', url: `/api/v1/procedures/${BIRTH.code}` })).json();
      const components = procedure.cases[0].components.map((c: { code: string }) => ({ code: c.code, originals: 1, copies: 0 }));
      const intake = (idNumber: string) =>
        post(t, 'candang.motcua', '/api/v1/dossiers', {
          procedureCode: BIRTH.code,
          caseCode: BIRTH.caseCode,
          receivingUnitId: desk,
          channel: 'in_person',
          applicant: { kind: 'person', name: 'Lê Văn Tám', idNumber, address: 'Ấp An Thái, xã Cần Đăng', phone: '0987654321', email: null },
          subject: 'Đăng ký khai sinh cho con',
          components,
          resultDelivery: 'counter',
          outcome: { kind: 'receive' },
        }, 201);
      const active = (d: { tasks: Task[] }, key: string) => d.tasks.find((x) => x.stepKey === key && x.status === 'active')!;

      // The commune's specialist also stands in as its leader: two holdings in the same unit.
      const me = (await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: await t.login('candang.chuyenvien') } })).json();
      const commune = me.roles.find((r: { role: string }) => r.role === 'specialist').unitId;
      const roles = await t.inject({ method: 'PUT', url: `/api/v1/staff/${me.id}/roles`, headers: { cookie: await t.login('candang.quantri') }, payload: { roles: [...me.roles, { unitId: commune, role: 'leader' }] } });
      assert.equal(roles.statusCode, 200, roles.body);

      const first = await intake('089090001001');
      clock.set('2026-06-01T03:00:00.000Z');
      let second = await intake('089090001002');
      // The second dossier's appraisal is taken up and done: its approval waits for a leader.
      const appraisal = active(second, 'appraise');
      await post(t, 'candang.chuyenvien', `/api/v1/dossiers/${second.id}/tasks/${appraisal.id}/assign`, {});
      second = await post(t, 'candang.chuyenvien', `/api/v1/dossiers/${second.id}/tasks/${appraisal.id}/complete`, { note: 'Hồ sơ hợp lệ' });
      const ids = new Map([
        [active(first, 'appraise').id, 'first:appraise'],
        [appraisal.id, 'second:appraise (done)'],
        [active(second, 'approve').id, 'second:approve'],
      ]);

      const unassigned = await worklist(t, 'candang.chuyenvien', 'unassigned');
      assert.deepEqual(stepsOf(unassigned, ids).sort(), ['first:appraise', 'second:approve'], 'the specialist’s step of one and the leader’s step of the other, not the finished one');
      assert.deepEqual(new Set(unassigned.items.map((i) => i.task.role)), new Set(['specialist', 'leader']));
      const dues = unassigned.items.map((i) => i.task.dueAt ?? '');
      assert.deepEqual(dues, [...dues].sort(), 'most urgent first');
      assert.equal(unassigned.total, unassigned.items.length);
      // The leader alone sees the approval but not the appraisal (one holding).
      assert.deepEqual(stepsOf(await worklist(t, 'candang.lanhdao', 'unassigned'), ids), ['second:approve']);
      assert.deepEqual(stepsOf(await worklist(t, 'candang.chuyenvien', 'mine'), ids), [], 'the finished appraisal is no longer theirs to do');

      // Taking up the first dossier's appraisal moves it from "unassigned" to "mine".
      await post(t, 'candang.chuyenvien', `/api/v1/dossiers/${first.id}/tasks/${active(first, 'appraise').id}/assign`, {});
      assert.deepEqual(stepsOf(await worklist(t, 'candang.chuyenvien', 'mine'), ids), ['first:appraise']);
      assert.deepEqual(stepsOf(await worklist(t, 'candang.chuyenvien', 'unassigned'), ids), ['second:approve']);
      // Both are due within the next working day (a one-day procedure): both holdings' steps, assigned or not.
      assert.deepEqual(stepsOf(await worklist(t, 'candang.chuyenvien', 'due_soon'), ids).sort(), ['first:appraise', 'second:approve']);
    });
  },
  { clock },
);
