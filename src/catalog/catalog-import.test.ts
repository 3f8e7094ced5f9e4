import assert from 'node:assert/strict';
import { it } from 'node:test';
import ExcelJS from 'exceljs';
import { forEachDialect, type TestApp } from '../../test/support/test-app.js';
import { DEMO_PROCEDURES } from '../demo/demo-procedures.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A record as the national database gives it (no MotCua extensions). */
const national = {
  MATTHC: '1.000777',
  TENTTHC: 'Đăng ký biến động đất đai trong trường hợp thừa kế quyền sử dụng đất',
  LINHVUCTHUCHIEN: [{ MALINHVUC: 'DAT_DAI', TENLINHVUC: 'Đất đai' }],
  CAPTHUCHIEN: 'Cấp Tỉnh',
  TRINHTUTHUCHIEN: [{ TRUONGHOP: '', TRINHTU: [{ TENTRINHTU: 'Bước 1: Nộp hồ sơ.' }, { TENTRINHTU: 'Bước 2: Nhận kết quả.' }] }],
  CACHTHUCTHUCHIEN: [
    { KENH: 'Trực tiếp', THOIGIAN: [{ THOIGIANGIAIQUYET: '10', DONVITINH: 'Ngày làm việc', MOTA: 'Không quá 10 ngày làm việc', PHILEPHI: [{ SOTIEN: '50.000', DONVI: 'Đồng', MOTA: 'Lệ phí cấp Giấy chứng nhận' }] }] },
    { KENH: 'Trực tuyến', THOIGIAN: [{ THOIGIANGIAIQUYET: '8', DONVITINH: 'Ngày làm việc', MOTA: '', PHILEPHI: [] }] },
  ],
  THANHPHANHOSO: [
    {
      TRUONGHOP: 'Thừa kế toàn bộ thửa đất',
      GIAYTO: [
        { MAGIAYTO: '', TENGIAYTO: 'Đơn đăng ký biến động (Mẫu số 11/ĐK)', SOBANCHINH: '1', SOBANSAO: '0', TENMAUDON: 'Mẫu 11/ĐK', URL: 'https://csdl.dichvucong.gov.vn/mau-11.docx' },
        { MAGIAYTO: '', TENGIAYTO: 'Văn bản khai nhận di sản thừa kế', SOBANCHINH: '1', SOBANSAO: '0' },
      ],
    },
  ],
  YEUCAU: '',
  MOTADOITUONGTHUCHIEN: 'Cá nhân, hộ gia đình',
  KETQUATHUCHIEN: [{ MAKETQUA: '', TENKETQUA: 'Giấy chứng nhận quyền sử dụng đất' }],
  CANCUPHAPLY: [{ SOVANBAN: '31/2024/QH15', TENVANBAN: 'Luật Đất đai' }],
  COQUANTHUCHIEN: [
    { MADONVI: '000.01.12.H01', TENDONVI: 'Văn phòng Đăng ký đất đai' },
    { MADONVI: 'G22.41', TENDONVI: 'Chi nhánh Văn phòng Đăng ký đất đai khu vực' },
  ],
  IDQG: '12345',
};

async function importJson(t: TestApp, cookie: string, body: unknown, query = '') {
  return t.inject({ method: 'POST', url: `/api/v1/procedures/import${query}`, headers: { cookie }, payload: body as object });
}

forEachDialect('procedure import and export', (testApp) => {
  it('maps a national record honestly, and importing it again creates nothing', async () => {
    const t = testApp();
    const cookie = await t.login('tinh.quantri');
    const first = await importJson(t, cookie, [national]);
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(first.json(), { created: 1, revised: 0, updated: 0, published: 0, unchanged: 0, dryRun: false });
    const draft = (await t.inject({ method: 'GET', url: '/api/v1/procedures/1.000777?version=1', headers: { cookie } })).json();
    assert.equal(draft.status, 'draft');
    assert.deepEqual(draft.levels, ['province']);
    assert.deepEqual(draft.methods, ['in_person', 'online']);
    assert.equal(draft.onlineLevel, 'partly_online');
    assert.equal(draft.steps, 'Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.');
    assert.deepEqual(draft.cases[0].timeLimit, { amount: 10, unit: 'working_days' }, 'the in-person channel');
    assert.deepEqual(draft.cases[0].fees, [{ description: 'Lệ phí cấp Giấy chứng nhận', amount: 50000 }]);
    assert.deepEqual(draft.cases[0].components.map((c: { code: string; formTemplate: unknown }) => [c.code, c.formTemplate]), [
      ['TP1', { name: 'Mẫu 11/ĐK', url: 'https://csdl.dichvucong.gov.vn/mau-11.docx' }],
      ['TP2', null],
    ]);
    const landOffice = await t.app.services.units.getUnitByCode('000.01.12.H01');
    assert.deepEqual(draft.implementingUnitIds, [landOffice.id]);
    assert.equal(draft.implementingUnitsText, 'Chi nhánh Văn phòng Đăng ký đất đai khu vực');
    assert.equal(draft.results[0].code, null);

    const again = await importJson(t, cookie, { items: [national] });
    assert.deepEqual(again.json(), { created: 0, revised: 0, updated: 0, published: 0, unchanged: 1, dryRun: false });
    const published = await importJson(t, cookie, [national], '?publish=true&effectiveFrom=2026-01-01');
    assert.equal(published.json().published, 1);
    assert.equal((await t.app.services.catalog.caseInForce('1.000777', 'TH1', '2026-01-02')).version.version, 1);
    const thirdTime = await importJson(t, cookie, [national], '?publish=true&effectiveFrom=2026-02-01');
    assert.equal(thirdTime.json().unchanged, 1, 'the same content is not published again');
  });

  it('round-trips the catalogue through its JSON export, and publishes a change from a date', async () => {
    const t = testApp();
    const exported = await t.inject({ method: 'GET', url: '/api/v1/procedures/export?format=json' });
    assert.equal(exported.statusCode, 200);
    const records = exported.json();
    const total = (await t.inject({ method: 'GET', url: '/api/v1/procedures?limit=1' })).json().total;
    assert.equal(records.length, total);
    const cookie = await t.login('admin');
    const same = await importJson(t, cookie, records);
    assert.equal(same.statusCode, 200, same.body);
    assert.equal(same.json().unchanged, total, 'exporting and importing changes nothing');

    const birth = records.find((r: { MATTHC: string }) => r.MATTHC === DEMO_PROCEDURES.birthRegistration.code);
    for (const channel of birth.CACHTHUCTHUCHIEN) channel.THOIGIAN[0].THOIGIANGIAIQUYET = 2;
    const changed = await importJson(t, cookie, [birth], '?publish=true&effectiveFrom=2026-09-01');
    assert.deepEqual(changed.json(), { created: 0, revised: 1, updated: 0, published: 1, unchanged: 0, dryRun: false });
    const { catalog } = t.app.services;
    assert.equal((await catalog.caseInForce(DEMO_PROCEDURES.birthRegistration.code, 'TH1', '2026-08-31')).procedureCase.timeLimit.amount, 1);
    const after = await catalog.caseInForce(DEMO_PROCEDURES.birthRegistration.code, 'TH1', '2026-09-01');
    assert.deepEqual([after.version.version, after.procedureCase.timeLimit.amount, after.procedureCase.cutOff], [3, 2, '15:00']);
  });

  it('round-trips through the Excel workbook: one row per case, Vietnamese headers', async () => {
    const t = testApp();
    const response = await t.inject({ method: 'GET', url: '/api/v1/procedures/export?format=xlsx' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.getCell('A1').value, 'Mã TTHC');
    assert.equal(sheet.getCell('B1').value, 'Tên TTHC');
    const records = (await t.inject({ method: 'GET', url: '/api/v1/procedures/export' })).json();
    const caseCount = records.reduce((n: number, r: { THANHPHANHOSO: unknown[] }) => n + r.THANHPHANHOSO.length, 0);
    assert.equal(sheet.actualRowCount - 1, caseCount);

    const cookie = await t.login('tinh.quantri');
    const same = await t.inject({ method: 'POST', url: '/api/v1/procedures/import', headers: { cookie, 'content-type': XLSX }, payload: response.rawPayload });
    assert.equal(same.statusCode, 200, same.body);
    assert.equal(same.json().unchanged, records.length);

    const row = [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((r) => r.getCell(1).value === DEMO_PROCEDURES.certifiedCopy.code)!;
    row.getCell(20).value = 2; // Thời hạn giải quyết
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());
    const changed = await t.inject({ method: 'POST', url: '/api/v1/procedures/import', headers: { cookie, 'content-type': XLSX }, payload: edited });
    assert.deepEqual(changed.json(), { created: 0, revised: 1, updated: 0, published: 0, unchanged: records.length - 1, dryRun: false });
    const draft = (await t.inject({ method: 'GET', url: `/api/v1/procedures/${DEMO_PROCEDURES.certifiedCopy.code}?version=3`, headers: { cookie } })).json();
    assert.deepEqual([draft.status, draft.cases[0].timeLimit.amount, draft.cases[0].fees[0].amount], ['draft', 2, 2000]);
  });

  it('imports nothing when an entry is wrong, and names each rejected entry with its reasons', async () => {
    const t = testApp();
    const cookie = await t.login('tinh.quantri');
    const good = { ...national, MATTHC: '1.000778' };
    const noCode = { ...national, MATTHC: 'ABC' };
    const badTime = { ...national, MATTHC: '1.000779', CACHTHUCTHUCHIEN: [{ KENH: 'Trực tiếp', THOIGIAN: [{ THOIGIANGIAIQUYET: '3', DONVITINH: 'Tháng', PHILEPHI: [{ SOTIEN: '5%', DONVI: 'Đồng' }] }] }] };
    const response = await importJson(t, cookie, [good, noCode, badTime, good]);
    assert.equal(response.statusCode, 422, response.body);
    assert.equal(response.json().error.code, 'PROCEDURE_IMPORT_INVALID');
    const rejected = response.json().error.details.rejected;
    assert.deepEqual(rejected.map((r: { entry: string; code: string }) => [r.entry, r.code]), [['entry 2', 'ABC'], ['entry 3', '1.000779'], ['entry 4', '1.000778']]);
    assert.match(rejected[0].reasons[0], /MATTHC/);
    assert.ok(rejected[1].reasons.some((r: string) => /DONVITINH "Tháng"/.test(r)));
    assert.ok(rejected[1].reasons.some((r: string) => /5%/.test(r)));
    assert.equal((await t.inject({ method: 'GET', url: '/api/v1/procedures/1.000778/versions', headers: { cookie } })).statusCode, 404, 'the good entry was not imported either');

    const unpublishable = await importJson(t, cookie, [{ ...good, CAPTHUCHIEN: [] }], '?publish=true');
    assert.equal(unpublishable.statusCode, 422);
    assert.match(unpublishable.json().error.details.rejected[0].reasons[0], /levels/);
    const notAList = await importJson(t, cookie, { procedures: [] });
    assert.equal(notAList.statusCode, 400);
    const garbage = await t.inject({ method: 'POST', url: '/api/v1/procedures/import', headers: { cookie, 'content-type': XLSX }, payload: Buffer.from('PK\u0003\u0004 not a workbook') });
    assert.equal(garbage.statusCode, 422);
  });

  it('checks in a dry run without saving, and refuses non-administrators', async () => {
    const t = testApp();
    const dry = await importJson(t, await t.login('tinh.quantri'), [{ ...national, MATTHC: '1.000780' }], '?dryRun=true');
    assert.deepEqual(dry.json(), { created: 1, revised: 0, updated: 0, published: 0, unchanged: 0, dryRun: true });
    assert.equal((await t.inject({ method: 'GET', url: '/api/v1/procedures/1.000780/versions', headers: { cookie: await t.login('admin') } })).statusCode, 404);
    assert.equal((await importJson(t, await t.login('candang.quantri'), [national])).statusCode, 403);
    assert.equal((await t.inject({ method: 'POST', url: '/api/v1/procedures/import', payload: [national] })).statusCode, 401);
  });
});
