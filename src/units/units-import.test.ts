import assert from 'node:assert/strict';
import { it } from 'node:test';
import ExcelJS from 'exceljs';
import { forEachDialect, type TestApp } from '../../test/support/test-app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const csv = [
  'Mã định danh;Tên đơn vị;Loại;Mã cấp trên;Điện thoại;Hiệu lực từ',
  '000.26.45.H01;Ủy ban nhân dân xã Hòa Bình Thạnh;commune;000.00.00.H01;0296 3 600 600;2025-07-01',
  '001.26.45.H01;Trung tâm Phục vụ hành chính công xã Hòa Bình Thạnh;one_stop_desk;000.26.45.H01;;2025-07-01',
  '000.00.11.H01;Sở Tư pháp tỉnh An Giang;department;000.00.00.H01;0296 3 852 000;2008-08-01',
].join('\n');

async function xlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Đơn vị');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function importFile(t: TestApp, cookie: string, body: Buffer | string, contentType: string, dryRun = false) {
  return t.inject({ method: 'POST', url: `/api/v1/units/import?dryRun=${dryRun}`, headers: { cookie, 'content-type': contentType }, payload: body });
}

forEachDialect('units import', (testApp) => {
  it('checks a file without saving it in a dry run', async () => {
    const t = testApp();
    const response = await importFile(t, await t.login('tinh.quantri'), csv, 'text/csv', true);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { created: 2, updated: 1, unchanged: 0, dryRun: true });
    const list = await t.inject({ method: 'GET', url: '/api/v1/units?q=hoa%20binh%20thanh' });
    assert.equal(list.json().total, 0);
  });

  it('imports a CSV with Vietnamese headers: parents first, existing codes updated', async () => {
    const t = testApp();
    const response = await importFile(t, await t.login('tinh.quantri'), csv, 'text/csv; charset=utf-8');
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { created: 2, updated: 1, unchanged: 0, dryRun: false });
    const list = (await t.inject({ method: 'GET', url: '/api/v1/units?q=hoa%20binh%20thanh' })).json().items;
    const commune = list.find((u: { code: string }) => u.code === '000.26.45.H01');
    const desk = list.find((u: { code: string }) => u.code === '001.26.45.H01');
    assert.equal(desk.parentId, commune.id);
    assert.equal(commune.phone, '0296 3 600 600');
    const again = await importFile(t, await t.login('tinh.quantri'), csv, 'text/csv');
    assert.deepEqual(again.json(), { created: 0, updated: 0, unchanged: 3, dryRun: false });
  });

  it('imports an Excel workbook', async () => {
    const t = testApp();
    const body = await xlsx([
      ['code', 'name', 'type', 'parentCode', 'validFrom'],
      ['000.27.45.H01', 'Ủy ban nhân dân xã Tân Phú', 'commune', '000.00.00.H01', '2025-07-01'],
    ]);
    const response = await importFile(t, await t.login('admin'), body, XLSX);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().created, 1);
    const province = (await t.inject({ method: 'GET', url: '/api/v1/units?q=000.00.00.H01' })).json().items[0];
    const commune = (await t.inject({ method: 'GET', url: '/api/v1/units?q=000.27.45.H01' })).json().items[0];
    assert.equal(commune.parentId, province.id);
  });

  it('imports nothing when any row is wrong, and names each line and field', async () => {
    const t = testApp();
    const bad = [
      'code,name,type,parentCode',
      '000.28.45.H01,Xã Một,commune,000.00.00.H01',
      'bad code,Xã Hai,commune,000.00.00.H01',
      '000.29.45.H01,,village,000.00.00.H01',
      '000.30.45.H01,Xã Bốn,commune,999.99.99.H99',
    ].join('\n');
    const response = await importFile(t, await t.login('tinh.quantri'), bad, 'text/csv');
    assert.equal(response.statusCode, 422, response.body);
    assert.equal(response.json().error.code, 'UNIT_IMPORT_INVALID');
    const problems = response.json().error.details.problems.map((p: { line: number; field: string }) => `${p.line}:${p.field}`);
    assert.deepEqual(problems, ['3:code', '4:name', '4:type']);
    const parentMissing = await importFile(t, await t.login('tinh.quantri'), 'code,name,type,parentCode\n000.30.45.H01,Xã Bốn,commune,999.99.99.H99', 'text/csv');
    assert.equal(parentMissing.statusCode, 422, parentMissing.body);
    assert.deepEqual(parentMissing.json().error.details.problems.map((p: { line: number; field: string }) => `${p.line}:${p.field}`), ['2:parentCode'], parentMissing.body);
    assert.equal((await t.inject({ method: 'GET', url: '/api/v1/units?q=000.28.45' })).json().total, 0, 'the valid row was not imported either');
  });

  it('refuses rows outside the importer’s units, and unreadable files', async () => {
    const t = testApp();
    const communeAdmin = await t.login('candang.quantri');
    const response = await importFile(t, communeAdmin, 'code,name,type,parentCode\n000.31.45.H01,Xã Lạ,commune,000.00.00.H01', 'text/csv');
    assert.equal(response.statusCode, 403, response.body);
    assert.equal(response.json().error.code, 'FORBIDDEN');
    assert.equal(response.json().error.details.line, 2);
    const garbage = await importFile(t, communeAdmin, Buffer.from('PK\u0003\u0004 not really a workbook'), XLSX);
    assert.equal(garbage.statusCode, 422);
    const noHeader = await importFile(t, communeAdmin, 'foo,bar\n1,2', 'text/csv');
    assert.equal(noHeader.statusCode, 422);
    assert.match(noHeader.json().error.details.problems[0].message, /missing column/);
  });
});
