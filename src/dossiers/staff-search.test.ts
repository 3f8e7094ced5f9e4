// The staff search through HTTP on both databases: a unit finds the dossiers it received and those it held a
// step of (the inter-agency land case: received at the provincial centre, worked on by the land and tax
// offices), newest first, by status as the dossier moves, once each for someone who sees several of its
// units, and never a dossier of units one does not work in.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEMO_PROCEDURES } from '../demo/demo-procedures.js';
import { DossierUnitsRepository } from './dossier-units.repository.js';
import { postAs as post, unitIdByCode as unitId } from '../../test/support/dossier-requests.js';
import { forEachDialect, type TestApp } from '../../test/support/test-app.js';
import { testClock } from '../../test/support/test-clock.js';
import { vietnamDateOf } from '../time/clock.js';

const clock = testClock('2026-03-09T02:00:00.000Z'); // Monday 09/03/2026 09:00 in Vietnam

interface Page {
  items: Array<{ id: string; code: string; status: string }>;
  total: number;
}

async function search(t: TestApp, user: string, query = ''): Promise<Page> {
  const response = await t.inject({ method: 'GET', url: `/api/v1/dossiers?${query.includes('limit=') ? '' : 'limit=200'}${query}`, headers: { cookie: await t.login(user) } });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

async function landTransfer(t: TestApp, applicant: string) {
  const procedure = (await t.inject({ method: 'GET', url: `/api/v1/procedures/${DEMO_PROCEDURES.landTransfer.code}` })).json();
  const components = procedure.cases.find((c: { code: string }) => c.code === 'TH1').components.map((c: { code: string }) => ({ code: c.code, originals: 1, copies: 0 }));
  return post(t, 'tinh.motcua', '/api/v1/dossiers', {
    procedureCode: DEMO_PROCEDURES.landTransfer.code,
    caseCode: 'TH1',
    receivingUnitId: await unitId(t, '000.01.01.H01'),
    channel: 'in_person',
    applicant: { kind: 'person', name: applicant, idNumber: '089186009876', address: 'Ấp Hòa Long, xã Cần Đăng', phone: null, email: null },
    subject: 'Đăng ký chuyển nhượng quyền sử dụng đất',
    components,
    resultDelivery: 'counter',
    outcome: { kind: 'receive' },
  }, 201);
}

const USERS = ['tinh.motcua', 'datdai.chuyenvien', 'thue.chuyenvien', 'candang.chuyenvien', 'tinh.giamsat', 'tinh.quantri', 'admin'] as const;

forEachDialect(
  'staff search of dossiers by the units that took part',
  (testApp) => {
    it('finds received and worked-on dossiers, newest first, by status, once each, and nothing of other units', async () => {
      const t = testApp();
      const before = Object.fromEntries(await Promise.all(USERS.map(async (u) => [u, (await search(t, u)).total] as const)));
      // Someone who sees the land and tax offices but not the centre that received: each dossier once, from
      // rows that are all of dossiers received elsewhere (the de-duplicated part of the count).
      const bothOffices = async (status?: string, page = { limit: 200, offset: 0 }) =>
        t.app.services.dossierStore.uow.read.dossierUnits.search({ unitIds: [await unitId(t, '000.01.12.H01'), await unitId(t, '000.00.31.H01')], ...page, ...(status ? { status } : {}) });
      const officesBefore = (await bothOffices()).total;
      clock.set('2026-03-09T02:00:00.000Z');
      const first = await landTransfer(t, 'Nguyễn Văn Thứ Nhất');
      clock.set('2026-03-09T03:00:00.000Z');
      const second = await landTransfer(t, 'Trần Thị Thứ Hai');

      // The centre received both; the land and tax offices hold a step of each; the commune holds none.
      for (const user of ['tinh.motcua', 'datdai.chuyenvien', 'thue.chuyenvien', 'tinh.giamsat', 'tinh.quantri', 'admin'] as const) {
        const page = await search(t, user);
        assert.equal(page.total, before[user]! + 2, `${user} counts both`);
        const ours = page.items.filter((d) => d.id === first.id || d.id === second.id).map((d) => d.id);
        assert.deepEqual(ours, [second.id, first.id], `${user}: both once, newest first`);
      }
      // The province's supervisor sees the demo province's units in force, and they received every dossier here: the
      // rows of many units give the same pages as the system administrator's search of every dossier.
      assert.deepEqual(await search(t, 'tinh.giamsat', '&status=received'), await search(t, 'admin', '&status=received'));
      const offices = await bothOffices();
      assert.equal(offices.total, officesBefore + 2);
      assert.deepEqual(offices.items.map((d) => d.id).filter((id) => id === first.id || id === second.id), [second.id, first.id]);
      assert.equal(new Set(offices.items.map((d) => d.id)).size, offices.items.length, 'no dossier twice');
      // Pages one dossier long, each from the first rows of each unit merged: the same order, each dossier once.
      const onePerPage: string[] = [];
      for (let offset = 0; offset < Math.min(6, offices.total); offset++) onePerPage.push(...(await bothOffices(undefined, { limit: 1, offset })).items.map((d) => d.id));
      assert.deepEqual(onePerPage, offices.items.slice(0, 6).map((d) => d.id));
      const commune = await search(t, 'candang.chuyenvien');
      assert.equal(commune.total, before['candang.chuyenvien']);
      assert.ok(!commune.items.some((d) => d.id === first.id || d.id === second.id));

      // Pages follow the same order: the tax office's two newest, one per page.
      const page1 = await search(t, 'thue.chuyenvien', '&limit=1&offset=0');
      const page2 = await search(t, 'thue.chuyenvien', '&limit=1&offset=1');
      assert.deepEqual([page1.items[0]?.id, page2.items[0]?.id], [second.id, first.id]);

      // The tax office asks for payment on the first: every unit finds it under its new status, and the second under 'received'.
      const tax = first.tasks.find((x: { stepKey: string }) => x.stepKey === 'tax-assess');
      await post(t, 'thue.chuyenvien', `/api/v1/dossiers/${first.id}/tasks/${tax.id}/assign`, {});
      clock.set('2026-03-10T02:00:00.000Z');
      await post(t, 'thue.chuyenvien', `/api/v1/dossiers/${first.id}/payment-request`, { reason: 'Nộp thuế thu nhập cá nhân', items: ['Thuế TNCN'], amount: 1_000_000 });
      for (const user of ['tinh.motcua', 'datdai.chuyenvien', 'thue.chuyenvien', 'tinh.giamsat'] as const) {
        const paying = await search(t, user, '&status=payment_requested');
        assert.deepEqual(paying.items.map((d) => d.id).filter((id) => id === first.id || id === second.id), [first.id], `${user}: the first under payment_requested`);
        assert.ok(paying.items.every((d) => d.status === 'payment_requested'));
        assert.equal(paying.total, paying.items.length);
        const received = await search(t, user, '&status=received');
        assert.ok(received.items.some((d) => d.id === second.id) && !received.items.some((d) => d.id === first.id), `${user}: the second still received`);
      }
      assert.equal((await search(t, 'candang.chuyenvien', '&status=payment_requested')).items.filter((d) => d.id === first.id).length, 0);
      const officesPaying = await bothOffices('payment_requested');
      assert.equal(officesPaying.total, officesPaying.items.length);
      assert.ok(officesPaying.items.some((d) => d.id === first.id) && !officesPaying.items.some((d) => d.id === second.id));

      // By code (any case) or applicant: found by the units that took part only.
      const byCode = await search(t, 'thue.chuyenvien', `&code=${encodeURIComponent(first.code.toLowerCase())}`);
      assert.deepEqual([byCode.total, byCode.items.map((d) => d.id)], [1, [first.id]]);
      assert.equal((await search(t, 'candang.chuyenvien', `&code=${encodeURIComponent(first.code)}`)).total, 0);
      const byApplicant = await search(t, 'datdai.chuyenvien', '&applicantIdNumber=089186009876&status=received');
      assert.deepEqual(byApplicant.items.map((d) => d.id), [second.id]);
      assert.equal((await search(t, 'candang.chuyenvien', '&applicantIdNumber=089186009876')).total, 0);

      // A system administrator's search by status: merging each receiving unit's range (used above 5,000 dossiers of
      // the status) finds the same pages, in the same order, as sorting them.
      const merging = new DossierUnitsRepository(t.app.database.reader, 0);
      const sorting = t.app.services.dossierStore.uow.read.dossierUnits;
      for (const status of ['received', 'payment_requested', 'returned']) {
        for (const offset of [0, 1, 3, 100_000]) {
          const filter = { unitIds: null, status, limit: 2, offset };
          assert.deepEqual(await merging.search(filter), await sorting.search(filter), `${status} from ${offset}`);
        }
      }

      // The rows the search reads are part of the projection the events rebuild.
      assert.deepEqual(await t.app.services.dossierVerify.verifyOne(first.id), []);
      assert.deepEqual(await t.app.services.dossierVerify.verifyOne(second.id), []);
    });

    it('finds dossiers awaiting receipt at their desk, moves them to the units at receipt, and lists no online draft', async () => {
      const t = testApp();
      clock.set('2026-03-11T02:00:00.000Z');
      const desk = await unitId(t, '001.21.45.H01');
      const birth = DEMO_PROCEDURES.birthRegistration;
      const procedure = (await t.inject({ method: 'GET', url: `/api/v1/procedures/${birth.code}` })).json();
      const components = procedure.cases[0].components.map((c: { code: string }) => ({ code: c.code, originals: 1, copies: 0 }));
      const filing = (name: string, idNumber: string) => ({
        procedureCode: birth.code,
        caseCode: birth.caseCode,
        receivingUnitId: desk,
        applicant: { kind: 'person', name, idNumber, address: 'Ấp An Thái, xã Cần Đăng', phone: null, email: null },
        subject: 'Đăng ký khai sinh',
        components,
        resultDelivery: 'counter',
      });
      const online = async (name: string, idNumber: string, submit: boolean) => {
        const response = await t.inject({ method: 'POST', url: '/api/v1/public/dossiers', payload: { ...filing(name, idNumber), submit } });
        assert.equal(response.statusCode, 201, response.body);
        return response.json() as { dossier: { id: string }; draftToken: string };
      };
      const rowsOf = (id: string) => t.app.services.dossierStore.uow.read.dossierUnits.of(id);
      const ids = (page: Page) => page.items.map((d) => d.id);
      const before = { all: await search(t, 'candang.motcua'), submitted: await search(t, 'candang.motcua', '&status=submitted'), drafts: await search(t, 'candang.motcua', '&status=draft'), admin: await search(t, 'admin') };

      // In this order: photos sent by messaging (a draft the desk completes itself), a dossier received at the
      // counter, one submitted online, a citizen's online draft, and one more submitted online.
      const messaging = await post(t, 'candang.motcua', '/api/v1/dossiers', { ...filing('Người Thứ Năm', '089090007005'), components: [], channel: 'messaging', outcome: { kind: 'draft' } }, 201);
      clock.set('2026-03-11T02:00:30.000Z');
      const counter = await post(t, 'candang.motcua', '/api/v1/dossiers', { ...filing('Người Thứ Nhất', '089090007001'), channel: 'in_person', outcome: { kind: 'receive' } }, 201);
      clock.set('2026-03-11T02:01:00.000Z');
      const firstOnline = (await online('Người Thứ Hai', '089090007002', true)).dossier;
      clock.set('2026-03-11T02:02:00.000Z');
      const citizenDraft = await online('Người Thứ Ba', '089090007003', false);
      clock.set('2026-03-11T02:03:00.000Z');
      // (kept as a draft first, then submitted with its token: the token lets the citizen submit it again later)
      const second = await online('Người Thứ Tư', '089090007004', false);
      const secondOnline = second.dossier;
      const submit = () => t.inject({ method: 'POST', url: `/api/v1/public/dossiers/${secondOnline.id}/submit`, headers: { 'x-draft-token': second.draftToken } });
      assert.equal((await submit()).statusCode, 200);

      // Nothing awaiting receipt has rows: the desk finds it in the dossiers table, newest first among the rest.
      for (const id of [firstOnline.id, citizenDraft.dossier.id, secondOnline.id, messaging.id]) assert.deepEqual(await rowsOf(id), [], 'no unit rows before receipt');
      const all = await search(t, 'candang.motcua');
      assert.equal(all.total, before.all.total + 4, 'all but the online draft');
      assert.deepEqual(ids(all).slice(0, 4), [secondOnline.id, firstOnline.id, counter.id, messaging.id], 'both kinds in one order');
      assert.ok(!ids(all).includes(citizenDraft.dossier.id), 'a citizen’s online draft is listed to nobody');
      const submitted = await search(t, 'candang.motcua', '&status=submitted');
      assert.equal(submitted.total, before.submitted.total + 2);
      assert.deepEqual(ids(submitted).slice(0, 2), [secondOnline.id, firstOnline.id]);
      const drafts = await search(t, 'candang.motcua', '&status=draft');
      assert.equal(drafts.total, before.drafts.total + 1);
      assert.equal(ids(drafts)[0], messaging.id);
      assert.ok(!ids(drafts).includes(citizenDraft.dossier.id));
      // The "to receive" list (SQL) and the receive permission on each dossier (the state) say the same.
      const deskCookie = await t.login('candang.motcua');
      const toReceive = await t.inject({ method: 'GET', url: '/api/v1/dossiers/worklist?view=to_receive&limit=200', headers: { cookie: deskCookie } });
      assert.equal(toReceive.statusCode, 200, toReceive.body);
      const listed = new Set((toReceive.json().items as Array<{ dossier: { id: string } }>).map((i) => i.dossier.id));
      for (const [id, awaits] of [[messaging.id, true], [firstOnline.id, true], [secondOnline.id, true], [counter.id, false], [citizenDraft.dossier.id, false]] as const) {
        assert.equal(listed.has(id), awaits, `to receive: ${id}`);
        const view = await t.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { cookie: deskCookie } });
        assert.equal(view.json().permissions.receive, awaits, `receive permission: ${id}`);
      }
      // Pages one dossier long walk the same order across both kinds.
      const paged: string[] = [];
      for (let offset = 0; offset < 6; offset++) paged.push(...ids(await search(t, 'candang.motcua', `&limit=1&offset=${offset}`)));
      assert.deepEqual(paged, ids(all).slice(0, 6));
      // The system administrator, who runs the system, searches every dossier, drafts included; the commune's
      // specialist holds no step of them.
      const admin = await search(t, 'admin');
      assert.equal(admin.total, before.admin.total + 5);
      assert.deepEqual(ids(admin).slice(0, 5), [secondOnline.id, citizenDraft.dossier.id, firstOnline.id, counter.id, messaging.id]);
      assert.deepEqual(ids(await search(t, 'admin', '&applicantIdNumber=089090007003')), [citizenDraft.dossier.id]);
      assert.equal((await search(t, 'candang.motcua', '&applicantIdNumber=089090007003')).total, 0);
      assert.deepEqual(ids(await search(t, 'candang.motcua', '&applicantIdNumber=089090007002')), [firstOnline.id]);
      assert.ok(!ids(await search(t, 'candang.chuyenvien', '&status=submitted')).includes(firstOnline.id));

      // Received: the dossier joins the units' rows and is found once, under its new status.
      clock.set('2026-03-11T03:00:00.000Z');
      const received = await post(t, 'candang.motcua', `/api/v1/dossiers/${firstOnline.id}/receive`, {});
      const rows = await rowsOf(firstOnline.id);
      assert.ok(rows.some((r) => r.unitId === desk) && rows.every((r) => r.status === 'received'), 'the desk and the units of its first steps');
      assert.deepEqual((await search(t, 'candang.motcua', '&status=received')).items.filter((d) => d.id === firstOnline.id).length, 1);
      assert.ok(!ids(await search(t, 'candang.motcua', '&status=submitted')).includes(firstOnline.id));
      const afterReceipt = await search(t, 'candang.motcua');
      assert.equal(afterReceipt.total, all.total);
      assert.deepEqual(ids(afterReceipt).slice(0, 4), ids(all).slice(0, 4), 'still in the order of filing');
      assert.ok(ids(await search(t, 'candang.motcua', `&code=${received.code}`)).includes(firstOnline.id));

      // Returned for completion (rows, under that status), then submitted anew: awaiting receipt again, rows gone.
      await post(t, 'candang.motcua', `/api/v1/dossiers/${secondOnline.id}/return-for-completion`, { reason: 'Thiếu giấy chứng sinh', items: ['Giấy chứng sinh'] });
      assert.deepEqual((await rowsOf(secondOnline.id)).map((r) => r.status), ['returned_for_completion']);
      assert.ok(ids(await search(t, 'candang.motcua', '&status=returned_for_completion')).includes(secondOnline.id));
      const resubmitted = await submit();
      assert.equal(resubmitted.statusCode, 200, resubmitted.body);
      assert.deepEqual(await rowsOf(secondOnline.id), []);
      assert.deepEqual(ids(await search(t, 'candang.motcua', '&status=submitted')).filter((id) => id === secondOnline.id), [secondOnline.id]);
      assert.ok(!ids(await search(t, 'candang.motcua', '&status=returned_for_completion')).includes(secondOnline.id));
      assert.equal((await search(t, 'candang.motcua')).total, all.total);

      for (const id of [counter.id, firstOnline.id, secondOnline.id, citizenDraft.dossier.id, messaging.id]) assert.deepEqual(await t.app.services.dossierVerify.verifyOne(id), [], id);
    });

    it('counts and pages the dossiers of units every dossier was filed with (the province) as each unit’s own search merged', async () => {
      const t = testApp();
      const repo = t.app.services.dossierStore.uow.read.dossierUnits;
      // Dossiers of every kind, some created at one instant (ties go by id): received at the centre with the tax
      // office's steps, received at the commune's counter, submitted online, and a citizen's online draft.
      const desk = await unitId(t, '001.21.45.H01');
      const birth = (await t.inject({ method: 'GET', url: `/api/v1/procedures/${DEMO_PROCEDURES.birthRegistration.code}` })).json();
      const birthFiling = (n: number) => ({
        procedureCode: DEMO_PROCEDURES.birthRegistration.code,
        caseCode: DEMO_PROCEDURES.birthRegistration.caseCode,
        receivingUnitId: desk,
        applicant: { kind: 'person', name: `Người Nộp ${n}`, idNumber: `08909000810${n}`, address: 'Ấp An Thái, xã Cần Đăng', phone: null, email: null },
        subject: 'Đăng ký khai sinh',
        components: birth.cases[0].components.map((c: { code: string }) => ({ code: c.code, originals: 1, copies: 0 })),
        resultDelivery: 'counter',
      });
      for (let n = 0; n < 4; n++) {
        clock.set(`2026-03-12T0${2 + (n % 2)}:00:00.000Z`);
        await landTransfer(t, `Người Chuyển Nhượng ${n}`);
        await post(t, 'candang.motcua', '/api/v1/dossiers', { ...birthFiling(n), channel: 'in_person', outcome: { kind: 'receive' } }, 201);
        const online = await t.inject({ method: 'POST', url: '/api/v1/public/dossiers', payload: { ...birthFiling(n + 4), submit: n !== 3 } });
        assert.equal(online.statusCode, 201, online.body);
      }
      const today = vietnamDateOf(clock.now());
      const province = (await t.app.services.dossierStore.uow.read.units.subtree(await unitId(t, '000.00.00.H01'), today)).map((u) => u.id);
      // The shortcut is taken (the tax office, outside the province, holds steps but nobody files with it), and not
      // for a part of the province.
      const filedWithEveryDossier = (ids: string[]) => (repo as unknown as { filedWithEveryDossier(ids: string[]): Promise<boolean> }).filedWithEveryDossier(ids);
      assert.equal(await filedWithEveryDossier(province), true);
      const centre = await unitId(t, '000.01.01.H01');
      assert.equal(await filedWithEveryDossier(province.filter((id) => id !== centre)), false);

      // What each unit finds alone (the general path), every page, merged newest first and each dossier once.
      const merged = async (status: string | undefined) => {
        const found = new Map<string, { id: string; createdAt: string }>();
        for (const unit of province) {
          for (let offset = 0; ; offset += 200) {
            const page = await repo.search({ unitIds: [unit], limit: 200, offset, ...(status ? { status } : {}) });
            for (const d of page.items) found.set(d.id, d);
            if (offset + 200 >= page.total) break;
          }
        }
        return [...found.values()].sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? -1 : 1)).map((d) => d.id);
      };
      for (const status of [undefined, 'received', 'returned', 'submitted', 'draft', 'returned_for_completion']) {
        const expected = await merged(status);
        const first = await repo.search({ unitIds: province, limit: 5, offset: 0, ...(status ? { status } : {}) });
        assert.equal(first.total, expected.length, `${status ?? 'all'}: total`);
        assert.deepEqual(first.items.map((d) => d.id), expected.slice(0, 5), `${status ?? 'all'}: first page`);
        const middle = await repo.search({ unitIds: province, limit: 4, offset: 3, ...(status ? { status } : {}) });
        assert.deepEqual(middle.items.map((d) => d.id), expected.slice(3, 7), `${status ?? 'all'}: a middle page`);
        const tail = await repo.search({ unitIds: province, limit: 7, offset: Math.max(0, expected.length - 5), ...(status ? { status } : {}) });
        assert.deepEqual(tail.items.map((d) => d.id), expected.slice(Math.max(0, expected.length - 5)), `${status ?? 'all'}: last page`);
      }
      assert.ok((await merged(undefined)).length > 12, 'enough dossiers for pages');
      // A system administrator's page of a status merged from each receiving unit's range (above 5,000 of it; here
      // from 0) is the page sorting them gives.
      const merging = new DossierUnitsRepository(t.app.database.reader, 0);
      for (const status of ['received', 'submitted', 'draft']) {
        const all = await repo.search({ unitIds: null, status, limit: 200, offset: 0 });
        assert.ok(all.total >= 3, `${status}: enough for pages`);
        for (const offset of new Set([0, 1, 3, all.total - 2])) {
          const filter = { unitIds: null, status, limit: 3, offset };
          assert.deepEqual(await merging.search(filter), await repo.search(filter), `${status} from ${offset}`);
        }
      }
      // Through HTTP: the province's supervisor searches those units.
      assert.equal((await search(t, 'tinh.giamsat')).total, (await repo.search({ unitIds: province, limit: 1, offset: 0 })).total);
    });
  },
  { clock, env: { SESSION_TTL_HOURS: '720' } },
);
