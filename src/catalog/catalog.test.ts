import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachDialect, type TestApp } from '../../test/support/test-app.js';
import { DEMO_PROCEDURES } from '../demo/demo-procedures.js';

const draft = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: 'Thủ tục đăng ký giám hộ',
  field: { code: 'HO_TICH', name: 'Hộ tịch' },
  levels: ['commune'],
  targetApplicants: 'Cá nhân',
  cases: [
    {
      name: 'Đăng ký giám hộ cử',
      timeLimit: { amount: 3, unit: 'working_days' },
      fees: [{ description: 'Lệ phí đăng ký giám hộ', amount: 5000 }],
      components: [{ name: 'Tờ khai đăng ký giám hộ', formTemplate: { name: 'Tờ khai', url: 'https://example.vn/tk.docx' } }, { name: 'Văn bản cử người giám hộ' }],
    },
  ],
  ...extra,
});

async function create(t: TestApp, cookie: string, body: Record<string, unknown>) {
  return t.inject({ method: 'POST', url: '/api/v1/procedures', headers: { cookie }, payload: body });
}

async function publish(t: TestApp, cookie: string, code: string, version: number, revision: number, effectiveFrom: string) {
  return t.inject({ method: 'POST', url: `/api/v1/procedures/${code}/versions/${version}/publish`, headers: { cookie }, payload: { revision, effectiveFrom } });
}

forEachDialect('procedure catalogue', (testApp) => {
  it('answers the dossier module: the case in force on a date, and any version by id', async () => {
    const t = testApp();
    const { catalog } = t.app.services;
    const birth = await catalog.caseInForce(DEMO_PROCEDURES.birthRegistration.code, 'TH1', '2026-03-02');
    assert.equal(birth.version.status, 'published');
    assert.equal(birth.version.effectiveFrom, '2025-07-01');
    assert.deepEqual(birth.procedureCase.timeLimit, { amount: 1, unit: 'working_days' });
    assert.equal(birth.procedureCase.noAppointmentDate, false);
    assert.deepEqual(birth.version.levels, ['commune']);

    const old = await catalog.caseInForce(DEMO_PROCEDURES.birthRegistration.code, 'TH1', '2019-09-30');
    assert.equal(old.version.version, 1, 'a dossier of 2019 sees the version of 2019');
    assert.equal(old.version.effectiveTo, '2025-06-30');
    assert.equal(old.version.legacyLevel, 3);
    assert.equal((await catalog.getVersion(old.version.id)).id, old.version.id);

    const land = await catalog.caseInForce(DEMO_PROCEDURES.landTransfer.code, 'TH1', '2026-03-02');
    assert.deepEqual(land.procedureCase.timeLimit, { amount: 10, unit: 'working_days' });
    assert.deepEqual(land.version.levels, ['province']);
    const units = await Promise.all(land.version.implementingUnitIds.map((id) => t.app.services.units.getUnit(id)));
    assert.deepEqual(units.map((u) => u.code).sort(), ['000.00.31.H01', '000.01.12.H01']);
    for (const key of Object.keys(DEMO_PROCEDURES) as Array<keyof typeof DEMO_PROCEDURES>) {
      const { code, caseCode } = DEMO_PROCEDURES[key];
      assert.equal((await catalog.caseInForce(code, caseCode, '2026-01-15')).version.code, code, key);
    }

    await assert.rejects(catalog.caseInForce('9.999999', 'TH1', '2026-01-01'), { code: 'PROCEDURE_NOT_FOUND' });
    await assert.rejects(catalog.caseInForce(DEMO_PROCEDURES.businessHousehold.code, 'TH1', '2020-01-01'), { code: 'PROCEDURE_NOT_IN_FORCE' });
    await assert.rejects(catalog.caseInForce(DEMO_PROCEDURES.birthRegistration.code, 'TH9', '2026-01-01'), { code: 'PROCEDURE_CASE_NOT_FOUND' });
    await assert.rejects(catalog.getVersion('00000000-0000-4000-8000-000000000000'), { code: 'PROCEDURE_NOT_FOUND' });
    await assert.rejects(catalog.getVersion('not-a-uuid'), { code: 'PROCEDURE_NOT_FOUND' });
  });

  it('seeds a demo catalogue of 40+ procedures in 10+ fields at province and commune level, every one valid', async () => {
    const t = testApp();
    const all = (await t.inject({ method: 'GET', url: '/api/v1/procedures?limit=200' })).json();
    assert.ok(all.total >= 40, `${all.total} procedures`);
    const fields = (await t.inject({ method: 'GET', url: '/api/v1/procedures/fields' })).json().items;
    assert.ok(fields.length >= 10, `${fields.length} fields`);
    for (const level of ['province', 'commune']) assert.ok((await t.inject({ method: 'GET', url: `/api/v1/procedures?level=${level}` })).json().total >= 15, level);
    const codes = all.items.map((p: { code: string }) => p.code);
    assert.equal(new Set(codes).size, codes.length);
    const identity = await t.app.services.catalog.caseInForce(DEMO_PROCEDURES.identityCard.code, 'TH1', '2026-05-04');
    assert.deepEqual(identity.procedureCase.timeLimit, { amount: 7, unit: 'working_days' });
    const police = await t.app.services.units.getUnit(identity.version.implementingUnitIds[0]!);
    assert.equal(police.code, '000.00.32.H01');
    const household = await t.app.services.catalog.caseInForce(DEMO_PROCEDURES.businessHousehold.code, 'TH1', '2026-05-04');
    assert.deepEqual([household.version.levels, household.procedureCase.timeLimit], [['commune'], { amount: 3, unit: 'working_days' }]);
  });

  it('creates a draft, publishes it, and keeps published versions immutable', async () => {
    const t = testApp();
    const cookie = await t.login('tinh.quantri');
    const created = await create(t, cookie, draft('1.000110'));
    assert.equal(created.statusCode, 201, created.body);
    const v1 = created.json();
    assert.equal(v1.status, 'draft');
    assert.equal(v1.version, 1);
    assert.equal(v1.cases[0].code, 'TH1');
    assert.deepEqual(v1.cases[0].components.map((c: { code: string; originals: number; mandatory: boolean }) => [c.code, c.originals, c.mandatory]), [['TP1', 1, true], ['TP2', 1, true]]);
    assert.equal((await t.inject({ method: 'GET', url: '/api/v1/procedures/1.000110' })).statusCode, 422, 'a draft is not in force');
    assert.equal((await t.inject({ method: 'GET', url: '/api/v1/procedures/1.000110?version=1' })).statusCode, 404, 'drafts are not public');
    assert.equal((await t.inject({ method: 'GET', url: '/api/v1/procedures/1.000110?version=1', headers: { cookie } })).statusCode, 200);

    const drafts = await t.inject({ method: 'GET', url: '/api/v1/procedures/drafts', headers: { cookie } });
    assert.deepEqual(drafts.json().items.map((d: { code: string; version: number }) => [d.code, d.version]), [['1.000110', 1]]);
    assert.equal((await t.inject({ method: 'GET', url: '/api/v1/procedures/drafts', headers: { cookie: await t.login('candang.quantri') } })).statusCode, 403);
    const edited = await t.inject({ method: 'PATCH', url: '/api/v1/procedures/1.000110/versions/1', headers: { cookie }, payload: { revision: 1, name: 'Đăng ký giám hộ' } });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().revision, 2);
    const stale = await t.inject({ method: 'PATCH', url: '/api/v1/procedures/1.000110/versions/1', headers: { cookie }, payload: { revision: 1, name: 'Lost update' } });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'PROCEDURE_VERSION_CONFLICT');

    const published = await publish(t, cookie, '1.000110', 1, 2, '2026-01-01');
    assert.equal(published.statusCode, 200, published.body);
    assert.equal(published.json().status, 'published');
    assert.equal(published.json().effectiveFrom, '2026-01-01');
    const inForce = await t.inject({ method: 'GET', url: '/api/v1/procedures/1.000110?asOf=2026-02-01' });
    assert.equal(inForce.json().name, 'Đăng ký giám hộ');

    const again = await publish(t, cookie, '1.000110', 1, 3, '2026-02-01');
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'PROCEDURE_VERSION_NOT_DRAFT');
    const edit = await t.inject({ method: 'PATCH', url: '/api/v1/procedures/1.000110/versions/1', headers: { cookie }, payload: { revision: 3, name: 'Sửa bản đã công bố' } });
    assert.equal(edit.statusCode, 409);
    assert.equal(edit.json().error.code, 'PROCEDURE_VERSION_NOT_DRAFT');
    const remove = await t.inject({ method: 'DELETE', url: '/api/v1/procedures/1.000110/versions/1', headers: { cookie } });
    assert.equal(remove.statusCode, 409);
    await assert.rejects(t.app.database.runInWriteTx((tx) => tx.updateTable('procedure_versions').set({ name: 'forged' }).where('id', '=', v1.id).execute()), /immutable/);
    await assert.rejects(t.app.database.runInWriteTx((tx) => tx.deleteFrom('procedure_versions').where('id', '=', v1.id).execute()), /immutable/);
    assert.equal((await t.inject({ method: 'GET', url: '/api/v1/procedures/1.000110' })).json().name, 'Đăng ký giám hộ');
  });

  it('publishes a new version from a date: the previous one ends the day before, both stay readable', async () => {
    const t = testApp();
    const cookie = await t.login('admin');
    const v1 = (await create(t, cookie, draft('1.000111'))).json();
    assert.equal((await publish(t, cookie, '1.000111', 1, v1.revision, '2025-07-01')).statusCode, 200);
    const v2 = await t.inject({ method: 'POST', url: '/api/v1/procedures/1.000111/versions', headers: { cookie } });
    assert.equal(v2.statusCode, 201, v2.body);
    assert.equal(v2.json().version, 2);
    assert.equal(v2.json().name, v1.name, 'a new draft starts as a copy of the latest version');
    const second = await t.inject({ method: 'POST', url: '/api/v1/procedures/1.000111/versions', headers: { cookie } });
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().error.code, 'PROCEDURE_DRAFT_EXISTS');

    const cases = [{ code: 'TH1', name: 'Đăng ký giám hộ cử', timeLimit: { amount: 2, unit: 'working_days' } }];
    const edited = (await t.inject({ method: 'PATCH', url: '/api/v1/procedures/1.000111/versions/2', headers: { cookie }, payload: { revision: 1, cases } })).json();
    const early = await publish(t, cookie, '1.000111', 2, edited.revision, '2025-07-01');
    assert.equal(early.statusCode, 422, 'not on or before the previous version’s date');
    assert.equal(early.json().error.code, 'PROCEDURE_EFFECTIVE_DATE_INVALID');
    assert.equal((await publish(t, cookie, '1.000111', 2, edited.revision, '2026-04-01')).statusCode, 200);

    const versions = (await t.inject({ method: 'GET', url: '/api/v1/procedures/1.000111/versions' })).json().items;
    assert.deepEqual(
      versions.map((v: { version: number; effectiveFrom: string; effectiveTo: string | null }) => [v.version, v.effectiveFrom, v.effectiveTo]),
      [
        [2, '2026-04-01', null],
        [1, '2025-07-01', '2026-03-31'],
      ],
    );
    const { catalog } = t.app.services;
    assert.equal((await catalog.caseInForce('1.000111', 'TH1', '2026-03-31')).procedureCase.timeLimit.amount, 3);
    assert.equal((await catalog.caseInForce('1.000111', 'TH1', '2026-04-01')).procedureCase.timeLimit.amount, 2);
    assert.equal((await t.inject({ method: 'GET', url: '/api/v1/procedures/1.000111?version=1' })).json().cases[0].timeLimit.amount, 3);
    const byId = await t.inject({ method: 'GET', url: `/api/v1/procedures/versions/${v1.id}` });
    assert.equal(byId.json().effectiveTo, '2026-03-31');
  });

  it('answers concurrent creations of the same procedure or draft with one success and one conflict', async () => {
    const t = testApp();
    const cookie = await t.login('tinh.quantri');
    const creations = await Promise.all([create(t, cookie, draft('1.000120')), create(t, cookie, draft('1.000120'))]);
    assert.deepEqual(creations.map((r) => r.statusCode).sort(), [201, 409]);
    const v1 = creations.find((r) => r.statusCode === 201)!.json();
    assert.equal((await publish(t, cookie, '1.000120', 1, v1.revision, '2026-01-01')).statusCode, 200);
    const drafts = await Promise.all([1, 2, 3].map(() => t.inject({ method: 'POST', url: '/api/v1/procedures/1.000120/versions', headers: { cookie } })));
    assert.deepEqual(drafts.map((r) => r.statusCode).sort(), [201, 409, 409]);
    assert.ok(drafts.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'PROCEDURE_DRAFT_EXISTS'));
  });

  it('refuses to publish an incomplete draft, naming each problem', async () => {
    const t = testApp();
    const cookie = await t.login('tinh.quantri');
    const body = draft('1.000112', {
      levels: [],
      cases: [
        { code: 'TH1', name: 'Một', timeLimit: { amount: 0, unit: 'working_days' }, components: [{ code: 'A', name: 'x' }, { code: 'A', name: 'y' }] },
        { code: 'TH1', name: 'Hai', timeLimit: { amount: 0, unit: 'working_days' }, noAppointmentDate: true },
      ],
    });
    const v1 = (await create(t, cookie, body)).json();
    const refused = await publish(t, cookie, '1.000112', 1, v1.revision, '2026-01-01');
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().error.code, 'PROCEDURE_INVALID');
    assert.deepEqual(refused.json().error.details.problems.map((p: { field: string }) => p.field), ['levels', 'cases.0.timeLimit.amount', 'cases.0.components.1.code', 'cases.1.code']);
    const empty = (await create(t, cookie, draft('1.000113', { cases: [] }))).json();
    const noCase = await publish(t, cookie, '1.000113', 1, empty.revision, '2026-01-01');
    assert.deepEqual(noCase.json().error.details.problems.map((p: { field: string }) => p.field), ['cases']);
  });

  it('lets only catalogue administrators change it, and deletes a never-published draft', async () => {
    const t = testApp();
    assert.equal((await create(t, await t.login('candang.quantri'), draft('1.000114'))).statusCode, 403, 'a commune administrator');
    assert.equal((await create(t, await t.login('tinh.motcua'), draft('1.000114'))).statusCode, 403, 'a desk officer');
    assert.equal((await t.inject({ method: 'POST', url: '/api/v1/procedures', payload: draft('1.000114') })).statusCode, 401);
    const cookie = await t.login('tinh.quantri');
    assert.equal((await create(t, cookie, draft('1.000114'))).statusCode, 201);
    const taken = await create(t, cookie, draft('1.000114'));
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.code, 'PROCEDURE_CODE_TAKEN');
    const unknownUnit = await create(t, cookie, draft('1.000115', { implementingUnitIds: ['00000000-0000-4000-8000-000000000000'] }));
    assert.equal(unknownUnit.json().error.code, 'PROCEDURE_UNIT_NOT_FOUND');
    assert.equal((await t.inject({ method: 'DELETE', url: '/api/v1/procedures/1.000114/versions/1', headers: { cookie: await t.login('candang.quantri') } })).statusCode, 403);
    assert.equal((await t.inject({ method: 'DELETE', url: '/api/v1/procedures/1.000114/versions/1', headers: { cookie } })).statusCode, 204);
    assert.equal((await t.inject({ method: 'GET', url: '/api/v1/procedures/1.000114/versions', headers: { cookie } })).statusCode, 404, 'the procedure went with its only draft');
    const audit = await t.app.database.reader.selectFrom('audit_log').select(['action']).where('entity_type', '=', 'procedure').orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action).slice(-2), ['procedure.created', 'procedure.draft_deleted']);
  });
});
