import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { forEachDialect, type TestApp } from '../../test/support/test-app.js';
import { DEMO_PROCEDURES } from '../demo/demo-procedures.js';

interface Item {
  code: string;
  name: string;
  version: number;
  levels: string[];
  field: { code: string };
  onlineLevel: string;
  implementingUnitIds: string[];
  effectiveFrom: string;
}

async function list(t: TestApp, query: string): Promise<{ items: Item[]; total: number }> {
  const response = await t.inject({ method: 'GET', url: `/api/v1/procedures?${query}` });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

async function publishNew(t: TestApp, cookie: string, code: string, name: string, targetApplicants = 'Cá nhân') {
  const created = await t.inject({
    method: 'POST',
    url: '/api/v1/procedures',
    headers: { cookie },
    payload: { code, name, field: { code: 'HO_TICH', name: 'Hộ tịch' }, levels: ['commune'], targetApplicants, cases: [{ name: 'Chung', timeLimit: { amount: 3, unit: 'working_days' } }] },
  });
  assert.equal(created.statusCode, 201, created.body);
  const published = await t.inject({ method: 'POST', url: `/api/v1/procedures/${code}/versions/1/publish`, headers: { cookie }, payload: { revision: 1, effectiveFrom: '2025-07-01' } });
  assert.equal(published.statusCode, 200, published.body);
}

async function unitId(t: TestApp, code: string): Promise<string> {
  return (await t.app.services.units.getUnitByCode(code)).id;
}

forEachDialect('procedure search and listing', (testApp) => {
  before(async () => {
    const t = testApp();
    const cookie = await t.login('tinh.quantri');
    await publishNew(t, cookie, '1.000201', 'Đăng ký khai sinh kết hợp nhận cha, mẹ, con');
    await publishNew(t, cookie, '1.000202', 'Cấp bản sao trích lục hộ tịch', 'Người đã đăng ký khai sinh, đăng ký kết hôn');
  });

  it('finds "dang ky khai sinh" without diacritics, best matches first', async () => {
    const t = testApp();
    const { items } = await list(t, 'q=dang%20ky%20khai%20sinh&limit=5');
    assert.deepEqual(
      items.slice(0, 4).map((i) => i.code),
      [DEMO_PROCEDURES.birthRegistration.code, '1.000201', '1.004837' /* đăng ký lại khai sinh */, '1.000202'],
      'the phrase at the start of the name, then every word in the name, then every word elsewhere',
    );
    assert.equal(items[0]!.name, 'Thủ tục đăng ký khai sinh');
    const withDiacritics = await list(t, `q=${encodeURIComponent('ĐĂNG KÝ Khai Sinh')}&limit=5`);
    assert.deepEqual(withDiacritics.items.map((i) => i.code), items.map((i) => i.code));
    const partial = await list(t, 'q=dang%20ky%20khai%20sinh&limit=100');
    assert.ok(partial.items.some((i) => i.code === '1.000894'), 'a procedure matching some words (đăng ký kết hôn) comes after');
    assert.ok(partial.items.findIndex((i) => i.code === '1.000894') > 3);
  });

  it('puts an exact code first, matches word beginnings and treats wildcards as text', async () => {
    const t = testApp();
    const byCode = await list(t, `q=${DEMO_PROCEDURES.landTransfer.code}`);
    assert.equal(byCode.items[0]!.code, DEMO_PROCEDURES.landTransfer.code);
    assert.equal((await list(t, 'q=ket%20hon')).items[0]!.code, '1.000894');
    assert.equal((await list(t, 'q=chung%20thuc%20ban%20sao')).items[0]!.code, DEMO_PROCEDURES.certifiedCopy.code);
    assert.equal((await list(t, 'q=cap%20the%20can%20cuoc')).items[0]!.code, DEMO_PROCEDURES.identityCard.code);
    assert.equal((await list(t, 'q=cap%20doi%20can%20cuoc')).items[0]!.code, '1.013094');
    assert.equal((await list(t, 'q=inh')).total, 0, 'words match from their beginning: "inh" is not "sinh"');
    assert.equal((await list(t, 'q=%25')).total, (await list(t, '')).total, 'a lone wildcard is no search at all');
    assert.equal((await list(t, 'q=%25_%25zzz')).total, 0);
  });

  it('filters by level, field, implementing unit and online level, and pages with a total', async () => {
    const t = testApp();
    const province = await list(t, 'level=province&limit=200');
    assert.ok(province.total >= 3);
    assert.ok(province.items.every((i) => i.levels.includes('province')));
    const commune = await list(t, 'level=commune&limit=200');
    assert.ok(commune.items.every((i) => i.levels.includes('commune')));
    assert.ok(commune.items.some((i) => i.code === DEMO_PROCEDURES.birthRegistration.code));

    const civil = await list(t, 'fieldCode=HO_TICH&limit=200');
    assert.ok(civil.items.every((i) => i.field.code === 'HO_TICH'));
    assert.ok(civil.total >= 5);

    const landOffice = await list(t, `unitId=${await unitId(t, '000.01.12.H01')}&limit=200`);
    assert.ok(landOffice.items.some((i) => i.code === DEMO_PROCEDURES.landTransfer.code));
    const canDang = await unitId(t, '000.21.45.H01');
    const communeUnit = await list(t, `unitId=${canDang}&limit=200`);
    assert.ok(communeUnit.items.length > 0 && communeUnit.items.every((i) => i.implementingUnitIds.includes(canDang)));
    assert.equal((await list(t, 'unitId=00000000-0000-4000-8000-000000000000')).total, 0);

    const fullOnline = await list(t, 'onlineLevel=full_online&limit=200');
    assert.ok(fullOnline.items.length > 0 && fullOnline.items.every((i) => i.onlineLevel === 'full_online'));
    const combined = await list(t, 'level=commune&fieldCode=HO_TICH&q=khai%20sinh&limit=200');
    assert.ok(combined.items.every((i) => i.field.code === 'HO_TICH' && i.levels.includes('commune')));

    const all = await list(t, 'limit=200');
    const first = await list(t, 'limit=3&offset=0');
    const second = await list(t, 'limit=3&offset=3');
    assert.equal(first.total, all.total);
    assert.deepEqual([...first.items, ...second.items].map((i) => i.code), all.items.slice(0, 6).map((i) => i.code));
  });

  it('lists what was in force on a date: 2019 shows the versions of 2019 only', async () => {
    const t = testApp();
    const in2019 = await list(t, 'asOf=2019-09-30&limit=200');
    assert.deepEqual(in2019.items.map((i) => i.code).sort(), [DEMO_PROCEDURES.birthRegistration.code, DEMO_PROCEDURES.certifiedCopy.code].sort());
    assert.ok(in2019.items.every((i) => i.version === 1));
    const copy2019 = in2019.items.find((i) => i.code === DEMO_PROCEDURES.certifiedCopy.code)!;
    assert.deepEqual(copy2019.levels, ['district', 'commune']);
    assert.equal((await list(t, 'asOf=2015-01-01')).total, 0);
  });

  it('counts the procedures of each field in force', async () => {
    const t = testApp();
    const fields = (await t.inject({ method: 'GET', url: '/api/v1/procedures/fields' })).json().items as Array<{ code: string; name: string; count: number }>;
    const civil = fields.find((f) => f.code === 'HO_TICH');
    assert.equal(civil?.name, 'Hộ tịch');
    for (const field of fields) assert.equal((await list(t, `fieldCode=${field.code}`)).total, field.count, field.code);
    assert.equal(fields.reduce((sum, f) => sum + f.count, 0), (await list(t, '')).total);
    const in2019 = (await t.inject({ method: 'GET', url: '/api/v1/procedures/fields?asOf=2019-09-30' })).json().items;
    assert.deepEqual(in2019.map((f: { code: string; count: number }) => [f.code, f.count]).sort(), [['CHUNG_THUC', 1], ['HO_TICH', 1]]);
  });
});
