import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachDialect, type TestApp } from '../../test/support/test-app.js';

async function unitByCode(t: TestApp, code: string, asOf?: string) {
  const response = await t.inject({ method: 'GET', url: `/api/v1/units?q=${encodeURIComponent(code)}&includeClosed=true${asOf ? `&asOf=${asOf}` : ''}` });
  assert.equal(response.statusCode, 200, response.body);
  const unit = response.json().items.find((u: { code: string }) => u.code === code);
  assert.ok(unit, `unit ${code} not found`);
  return unit;
}

forEachDialect('units API', (testApp) => {
  it('lists the demo province publicly, searching without diacritics', async () => {
    const t = testApp();
    const response = await t.inject({ method: 'GET', url: '/api/v1/units?q=can%20dang' });
    assert.equal(response.statusCode, 200);
    const names = response.json().items.map((u: { name: string }) => u.name);
    assert.deepEqual(names.sort(), ['Trung tâm Phục vụ hành chính công xã Cần Đăng', 'Ủy ban nhân dân xã Cần Đăng'].sort());
  });

  it('pages the list with a total', async () => {
    const t = testApp();
    const first = (await t.inject({ method: 'GET', url: '/api/v1/units?limit=5&offset=0' })).json();
    const second = (await t.inject({ method: 'GET', url: '/api/v1/units?limit=5&offset=5' })).json();
    assert.equal(first.items.length, 5);
    assert.ok(first.total >= 20);
    assert.equal(first.total, second.total);
    assert.ok(first.items[4].code < second.items[0].code, 'ordered by code without overlap');
  });

  it('keeps the hierarchy as it stood: communes under the district in 2019, under the province since 07/2025', async () => {
    const t = testApp();
    const province = await unitByCode(t, '000.00.00.H01');
    const district = await unitByCode(t, '000.00.45.H01');
    const commune2019 = await unitByCode(t, '000.21.45.H01', '2019-09-30');
    const communeToday = await unitByCode(t, '000.21.45.H01');
    assert.equal(commune2019.parentId, district.id);
    assert.equal(communeToday.parentId, province.id);

    const subtree2019 = (await t.inject({ method: 'GET', url: `/api/v1/units/${district.id}/subtree?asOf=2019-09-30` })).json().items;
    assert.equal(subtree2019.filter((u: { type: string }) => u.type === 'commune').length, 5);
    assert.equal(subtree2019[0].id, district.id);
    assert.equal(subtree2019[0].depth, 0);

    // The district is closed now: its subtree today holds no unit in force.
    const districtNow = await t.inject({ method: 'GET', url: `/api/v1/units/${district.id}/subtree` });
    assert.equal(districtNow.statusCode, 200);
    assert.deepEqual(districtNow.json().items, []);
    assert.equal(district.validTo, '2025-06-30');
    assert.equal(district.successorId, province.id);

    const history = (await t.inject({ method: 'GET', url: `/api/v1/units/${communeToday.id}/parents` })).json().items;
    assert.deepEqual(history, [
      { parentId: district.id, validFrom: '2008-08-01', validTo: '2025-06-30' },
      { parentId: province.id, validFrom: '2025-07-01', validTo: null },
    ]);
  });

  it('lets a province administrator create, update and move a unit, with optimistic concurrency', async () => {
    const t = testApp();
    const cookie = await t.login('tinh.quantri');
    const justice = await unitByCode(t, '000.00.11.H01');
    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: { cookie },
      payload: { code: '000.01.11.H01', name: 'Phòng Hành chính tư pháp', type: 'department', parentId: justice.id, validFrom: '2026-01-01' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const unit = created.json();
    assert.equal(unit.parentId, justice.id);
    assert.equal(unit.version, 1);
    assert.deepEqual(unit.officeHours, [
      { start: '07:00', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ]);

    const updated = await t.inject({ method: 'PATCH', url: `/api/v1/units/${unit.id}`, headers: { cookie }, payload: { version: 1, name: 'Phòng Hành chính - Tư pháp', phone: '0296 3 123 456' } });
    assert.equal(updated.statusCode, 200, updated.body);
    assert.equal(updated.json().name, 'Phòng Hành chính - Tư pháp');
    assert.equal(updated.json().version, 2);

    const stale = await t.inject({ method: 'PATCH', url: `/api/v1/units/${unit.id}`, headers: { cookie }, payload: { version: 1, name: 'Lost update' } });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'UNIT_VERSION_CONFLICT');

    const home = await unitByCode(t, '000.00.15.H01');
    const moved = await t.inject({ method: 'POST', url: `/api/v1/units/${unit.id}/move`, headers: { cookie }, payload: { parentId: home.id, effectiveFrom: '2026-06-01' } });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().parentId, home.id);
    const before = (await t.inject({ method: 'GET', url: `/api/v1/units/${unit.id}?asOf=2026-05-31` })).json();
    assert.equal(before.parentId, justice.id);

    const backwards = await t.inject({ method: 'POST', url: `/api/v1/units/${unit.id}/move`, headers: { cookie }, payload: { parentId: justice.id, effectiveFrom: '2026-03-01' } });
    assert.equal(backwards.statusCode, 422);
    assert.equal(backwards.json().error.code, 'UNIT_MOVE_DATE_INVALID');
  });

  it('refuses a cycle, a taken code and a parent not in force', async () => {
    const t = testApp();
    const cookie = await t.login('admin');
    const province = await unitByCode(t, '000.00.00.H01');
    const commune = await unitByCode(t, '000.22.45.H01');
    const cycle = await t.inject({ method: 'POST', url: `/api/v1/units/${province.id}/move`, headers: { cookie }, payload: { parentId: commune.id, effectiveFrom: '2027-01-01' } });
    assert.equal(cycle.statusCode, 422);
    assert.equal(cycle.json().error.code, 'UNIT_PARENT_CYCLE');

    const taken = await t.inject({ method: 'POST', url: '/api/v1/units', headers: { cookie }, payload: { code: '000.00.11.H01', name: 'Trùng mã', type: 'department', parentId: province.id } });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.code, 'UNIT_CODE_TAKEN');

    const district = await unitByCode(t, '000.00.45.H01');
    const closedParent = await t.inject({ method: 'POST', url: '/api/v1/units', headers: { cookie }, payload: { code: '000.99.45.H01', name: 'Xã mới', type: 'commune', parentId: district.id, validFrom: '2026-01-01' } });
    assert.equal(closedParent.statusCode, 422);
    assert.equal(closedParent.json().error.code, 'UNIT_PARENT_NOT_VALID');
  });

  it('refuses an officer of commune A editing commune B (403), and anonymous edits (401)', async () => {
    const t = testApp();
    const vinhHanhAdmin = await t.login('vinhhanh.quantri');
    const canDang = await unitByCode(t, '000.21.45.H01');
    const vinhHanh = await unitByCode(t, '000.22.45.H01');

    const crossUnit = await t.inject({ method: 'PATCH', url: `/api/v1/units/${canDang.id}`, headers: { cookie: vinhHanhAdmin, 'accept-language': 'en' }, payload: { version: canDang.version, name: 'Hijacked' } });
    assert.equal(crossUnit.statusCode, 403);
    assert.equal(crossUnit.json().error.code, 'FORBIDDEN');
    assert.equal(crossUnit.json().error.message, 'You are not allowed to do this.');
    assert.equal((await unitByCode(t, '000.21.45.H01')).name, 'Ủy ban nhân dân xã Cần Đăng', 'nothing changed');

    const asSeen = async (cookie?: string) => (await t.inject({ method: 'GET', url: `/api/v1/units/${canDang.id}`, headers: cookie ? { cookie } : {} })).json().permissions;
    assert.deepEqual(await asSeen(), { update: false, move: false, createChild: false });
    assert.deepEqual(await asSeen(vinhHanhAdmin), { update: false, move: false, createChild: false });
    assert.deepEqual(await asSeen(await t.login('candang.quantri')), { update: true, move: true, createChild: true });
    assert.deepEqual(await asSeen(await t.login('tinh.quantri')), { update: true, move: true, createChild: true });

    const ownUnit = await t.inject({ method: 'PATCH', url: `/api/v1/units/${vinhHanh.id}`, headers: { cookie: vinhHanhAdmin }, payload: { version: vinhHanh.version, phone: '0296 3 777 888' } });
    assert.equal(ownUnit.statusCode, 200, ownUnit.body);

    const deskOfficer = await t.login('candang.motcua');
    const notAdmin = await t.inject({ method: 'PATCH', url: `/api/v1/units/${canDang.id}`, headers: { cookie: deskOfficer }, payload: { version: canDang.version, name: 'x' } });
    assert.equal(notAdmin.statusCode, 403);

    const childOfOther = await t.inject({ method: 'POST', url: '/api/v1/units', headers: { cookie: vinhHanhAdmin }, payload: { code: '002.21.45.H01', name: 'Tổ một cửa lưu động', type: 'one_stop_desk', parentId: canDang.id } });
    assert.equal(childOfOther.statusCode, 403);

    const root = await t.inject({ method: 'POST', url: '/api/v1/units', headers: { cookie: await t.login('tinh.quantri') }, payload: { code: 'H99', name: 'Tỉnh khác', type: 'province' } });
    assert.equal(root.statusCode, 403, 'a province administrator cannot create a new root');

    const anonymous = await t.inject({ method: 'PATCH', url: `/api/v1/units/${canDang.id}`, payload: { version: 1, name: 'x' } });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(anonymous.json().error.code, 'UNAUTHENTICATED');
  });

  it('deletes a unit entered by mistake, but never one that anything refers to', async () => {
    const t = testApp();
    const cookie = await t.login('tinh.quantri');
    const province = await unitByCode(t, '000.00.00.H01');
    const mistake = (await t.inject({ method: 'POST', url: '/api/v1/units', headers: { cookie }, payload: { code: '000.00.98.H01', name: 'Nhập nhầm', type: 'department', parentId: province.id } })).json();
    const communeAdmin = await t.login('candang.quantri');
    assert.equal((await t.inject({ method: 'DELETE', url: `/api/v1/units/${mistake.id}`, headers: { cookie: communeAdmin } })).statusCode, 403);
    const deleted = await t.inject({ method: 'DELETE', url: `/api/v1/units/${mistake.id}`, headers: { cookie } });
    assert.equal(deleted.statusCode, 204, deleted.body);
    assert.equal((await t.inject({ method: 'GET', url: `/api/v1/units/${mistake.id}` })).statusCode, 404);

    const commune = await unitByCode(t, '000.21.45.H01'); // a desk below it, staff in it
    const inUse = await t.inject({ method: 'DELETE', url: `/api/v1/units/${commune.id}`, headers: { cookie } });
    assert.equal(inUse.statusCode, 409, inUse.body);
    assert.equal(inUse.json().error.code, 'UNIT_IN_USE');
    assert.equal((await unitByCode(t, '000.21.45.H01')).id, commune.id, 'still there');
    const district = await unitByCode(t, '000.00.45.H01');
    const referenced = await t.inject({ method: 'DELETE', url: `/api/v1/units/${district.id}`, headers: { cookie } });
    assert.equal(referenced.statusCode, 409, 'a closed unit with history is kept');
  });

  it('returns 404 with the error model for an unknown unit', async () => {
    const response = await testApp().inject({ method: 'GET', url: '/api/v1/units/00000000-0000-4000-8000-000000000000' });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'UNIT_NOT_FOUND');
    assert.equal(response.json().error.message, 'Không tìm thấy cơ quan, đơn vị.');
  });

  it('records every change in the append-only audit log', async () => {
    const t = testApp();
    const canDang = await unitByCode(t, '000.21.45.H01');
    const cookie = await t.login('candang.quantri');
    const response = await t.inject({ method: 'PATCH', url: `/api/v1/units/${canDang.id}`, headers: { cookie, 'x-request-id': 'audit-test-1' }, payload: { version: canDang.version, email: 'ubnd.candang@angiang.gov.vn' } });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['x-request-id'], 'audit-test-1');
    const rows = await t.app.database.reader.selectFrom('audit_log').selectAll().where('entity_id', '=', canDang.id).where('action', '=', 'unit.updated').execute();
    const last = rows.at(-1)!;
    assert.equal(last.request_id, 'audit-test-1');
    await assert.rejects(t.app.database.runInWriteTx((tx) => tx.updateTable('audit_log').set({ action: 'forged' }).where('id', '=', last.id).execute()), /append-only/);
    await assert.rejects(t.app.database.runInWriteTx((tx) => tx.deleteFrom('audit_log').where('id', '=', last.id).execute()), /append-only/);
  });
});
