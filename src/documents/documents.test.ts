// Every one-stop form issued for generated dossiers, judged by outside tools: pdftotext finds the exact
// Vietnamese text (names with their diacritics, dd/mm/yyyy dates, the dossier code), qpdf finds the file
// sound, pdfsig finds the signature valid — and a digest mismatch after one byte is changed. Issued forms
// re-render from their snapshots to the same bytes; the verify endpoint and the CLI report signer and integrity.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { pdfsig, pdfText, qpdfCheck, qrCodesOnFirstPage, tamper, writeTemp } from '../../test/support/pdf-tools.js';
import { forEachDialect, type TestApp } from '../../test/support/test-app.js';
import { runCli } from '../cli/main.js';
import { generateDossiers, steppingClock } from '../demo/dossier-generator.js';
import type { DossierEventType } from '../dossiers/dossier-events.js';
import type { DossierState } from '../dossiers/dossier.js';
import { dateText } from './forms/form-parts.js';
import { postAs, unitIdByCode } from '../../test/support/dossier-requests.js';
import { DEMO_PROCEDURES } from '../demo/demo-procedures.js';
import { makeDevelopmentPkcs12 } from './signing/certificates.js';
import { verifyPdf } from './signing/verify-pdf.js';

const START = '2026-01-05T01:00:00.000Z'; // Monday 05/01/2026 08:00 in Vietnam
const clock = steppingClock(START);

const ISSUING: Record<string, DossierEventType> = { '01': 'received', '02': 'supplement_requested', '03': 'refused_at_receipt', '04': 'apology_issued', '05': 'stopped' };
const TITLES: Record<string, string> = {
  '01': 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  '02': 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  '03': 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
  '04': 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
  '05': 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
  '06': 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
};

async function get(t: TestApp, url: string, user = 'admin') {
  return t.inject({ method: 'GET', url, headers: { cookie: await t.login(user) } });
}

/** A dossier whose events include `type` (the first by code and name, so both dialects pick alike). */
async function dossierWith(t: TestApp, type: DossierEventType): Promise<{ state: DossierState; at: string; actorId: string | null }> {
  const row = await t.app.database.reader
    .selectFrom('dossier_events as e')
    .innerJoin('dossiers as d', 'd.id', 'e.dossier_id')
    .select(['d.state', 'e.occurred_at', 'e.actor_user_id'])
    .where('e.type', '=', type)
    .orderBy('d.code')
    .orderBy('d.applicant_name')
    .orderBy('e.seq')
    .limit(1)
    .executeTakeFirstOrThrow();
  const state = (typeof row.state === 'string' ? JSON.parse(row.state) : row.state) as DossierState;
  return { state, at: new Date(row.occurred_at).toISOString(), actorId: row.actor_user_id };
}

/** MOTCUA_DOCS_DUMP=dir keeps the rendered forms (to look at them, or to make docs/ images). */
function dump(name: string, bytes: Buffer): void {
  const dir = process.env.MOTCUA_DOCS_DUMP;
  if (dir) fs.writeFileSync(path.join(dir, name), bytes);
}

function assertSound(bytes: Buffer, context: string): void {
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-', context);
  const check = qpdfCheck(bytes);
  assert.equal(check.status, 0, `${context}: qpdf --check\n${check.output}`);
  const sig = pdfsig(bytes);
  assert.match(sig, /Signature is Valid\./, `${context}: pdfsig\n${sig}`);
  assert.match(pdfsig(tamper(bytes)), /Digest Mismatch\./, `${context}: one byte changed`);
}

forEachDialect(
  'official documents: forms 01–07 as signed PDFs',
  (testApp) => {
    it('issues forms 01–05 from the events that call for them, signed, with the exact Vietnamese text', async () => {
      const t = testApp();
      clock.set(new Date(START));
      await generateDossiers(t.app.services, { count: 120, seed: 20260105, clock });
      for (const [form, type] of Object.entries(ISSUING)) {
        const { state, at, actorId } = await dossierWith(t, type);
        const list = await get(t, `/api/v1/dossiers/${state.id}/documents`);
        assert.equal(list.statusCode, 200, list.body);
        const issued = list.json().items.filter((d: { form: string }) => d.form === form);
        assert.ok(issued.length >= 1, `form ${form} issued for ${state.code}`);
        assert.ok(issued.every((d: { attachmentId: string | null }) => d.attachmentId), 'each has its signed copy');

        const response = await get(t, `/api/v1/dossiers/${state.id}/documents/${form}`);
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.headers['content-type'], 'application/pdf');
        const bytes = response.rawPayload;
        dump(`form-${form}-${t.dialect}.pdf`, bytes);
        assertSound(bytes, `form ${form} of ${state.code}`);
        const text = pdfText(bytes);
        // A refusal at the desk comes before any number: the form says so instead of a code.
        for (const expected of [TITLES[form]!, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', state.code ?? 'Mã hồ sơ (nếu có): chưa cấp', state.applicant.name.normalize('NFC')]) {
          assert.ok(text.includes(expected), `form ${form}: "${expected}" in\n${text}`);
        }
        if (form === '01') assert.ok(text.includes(dateText(state.receivedAt!)), `form 01 shows the receipt date ${dateText(state.receivedAt!)}`);
        const issuedOn = dateText(issued[issued.length - 1].issuedAt).split('/');
        assert.ok(text.includes(`ngày ${issuedOn[0]} tháng ${issuedOn[1]} năm ${issuedOn[2]}`), `form ${form}: the date line of ${issuedOn.join('/')}`);
        assert.match(text, /Số: \d+\//, 'a document number');
        if (state.code) {
          assert.ok(text.includes(`/tra-cuu/${state.code}`), 'the lookup address under the QR code');
          assert.deepEqual(qrCodesOnFirstPage(bytes), [`${t.config.documents.publicBaseUrl}/tra-cuu/${state.code}`], 'the QR code leads to the public lookup page');
        }

        // The verify endpoint names the officer who acted; the reprint from the snapshot is byte-identical.
        const verify = (await get(t, `/api/v1/documents/${issued[0].id}/verify`)).json();
        assert.equal(verify.intact, true);
        const actor = actorId ? await t.app.database.reader.selectFrom('users').select('full_name').where('id', '=', actorId).executeTakeFirstOrThrow() : null;
        assert.equal(verify.signatures[0].signerName, actor?.full_name ?? verify.signatures[0].certificate.subject, `form ${form} signed by the acting officer`);
        assert.equal(issued.some((d: { issuedAt: string }) => d.issuedAt === at), true, 'issued at the instant of its event');
        const reprint = await get(t, `/api/v1/documents/${issued[0].id}/reprint`);
        assert.equal(reprint.statusCode, 200);
        assert.equal(reprint.headers['x-matches-issued'], 'true', `form ${form} re-renders identically from its snapshot`);
        const again = await get(t, `/api/v1/documents/${issued[0].id}/reprint`);
        assert.deepEqual(again.rawPayload, reprint.rawPayload);
      }
    });

    it('numbers issued forms without gaps and issues each only once', async () => {
      const t = testApp();
      const rows = await t.app.database.reader.selectFrom('issued_documents').select(['unit_id', 'form', 'number', 'issued_at']).where('form', '!=', '01').execute();
      const bySeries = new Map<string, number[]>();
      for (const r of rows) {
        const key = `${r.unit_id}|${r.form}|${new Date(r.issued_at).getUTCFullYear()}`;
        bySeries.set(key, [...(bySeries.get(key) ?? []), Number(/\d+/.exec(r.number)![0])]);
      }
      for (const [key, numbers] of bySeries) assert.deepEqual([...numbers].sort((a, b) => a - b), numbers.map((_, i) => i + 1), `series ${key}`);
      const before = rows.length;
      const { state } = await dossierWith(t, 'apology_issued');
      await get(t, `/api/v1/dossiers/${state.id}/documents`);
      const after = await t.app.database.reader.selectFrom('issued_documents').select('id').where('form', '!=', '01').execute();
      assert.equal(after.length, before, 'listing again issues nothing new');
    });

    it('prints the control sheet (06) with early / on time / late per step, and a desk’s register (07) numbered from 1', async () => {
      const t = testApp();
      const { state } = await dossierWith(t, 'result_returned');
      const sheet = await get(t, `/api/v1/dossiers/${state.id}/documents/06`);
      assert.equal(sheet.statusCode, 200, sheet.body);
      dump(`form-06-${t.dialect}.pdf`, sheet.rawPayload);
      assertSound(sheet.rawPayload, 'form 06');
      const text = pdfText(sheet.rawPayload);
      assert.ok(text.includes(TITLES['06']!) && text.includes(state.code!));
      assert.match(text, /Trước hạn|Đúng hạn|Quá hạn/);
      assert.ok(text.includes('1. Giao:') && text.includes('2. Nhận:'));

      const register = await get(t, `/api/v1/documents/register?unitId=${state.receivingUnitId}&year=2026`);
      assert.equal(register.statusCode, 200, register.body);
      dump(`form-07-${t.dialect}.pdf`, register.rawPayload);
      assertSound(register.rawPayload, 'form 07');
      const registerText = pdfText(register.rawPayload);
      assert.ok(registerText.includes('SỔ THEO DÕI HỒ SƠ NĂM 2026'));
      const codes = await t.app.database.reader.selectFrom('dossiers').select('code').where('receiving_unit_id', '=', state.receivingUnitId).where('code', 'is not', null).execute();
      for (const { code } of codes) assert.ok(registerText.includes(code!), `register lists ${code}`);
      const serials = [...registerText.matchAll(/^\s*(\d+)\s+\S+-\d{6}-\d{4}/gm)].map((m) => Number(m[1]));
      assert.deepEqual(serials, codes.map((_, i) => i + 1), 'rows numbered 1…n without gaps, in order of receipt');

      const desk = await t.app.database.reader.selectFrom('users').innerJoin('role_assignments as r', 'r.user_id', 'users.id').select('users.username').where('r.unit_id', '=', state.receivingUnitId).execute();
      const outsider = ['candang.motcua', 'vinhhanh.motcua', 'tinh.motcua'].find((u) => !desk.some((d) => d.username === u))!;
      assert.equal((await get(t, `/api/v1/documents/register?unitId=${state.receivingUnitId}&year=2026`, outsider)).statusCode, 403);
    });

    it('verify-pdf on the command line reports an intact signature, then the modification', async () => {
      const t = testApp();
      const { state } = await dossierWith(t, 'received');
      const bytes = (await get(t, `/api/v1/dossiers/${state.id}/documents/01`)).rawPayload;
      const log = console.log;
      const lines: string[] = [];
      console.log = (...args: unknown[]) => lines.push(args.join(' '));
      try {
        assert.equal(await runCli(['verify-pdf', writeTemp(bytes)]), 0);
        assert.ok(lines.some((l) => l.includes('intact')), lines.join('\n'));
        lines.length = 0;
        assert.equal(await runCli(['verify-pdf', writeTemp(tamper(bytes))]), 1);
        assert.ok(lines.some((l) => l.includes('BROKEN')), lines.join('\n'));
      } finally {
        console.log = log;
      }
    });

    it('keeps documents to those who may see the dossier', async () => {
      const t = testApp();
      const { state } = await dossierWith(t, 'received');
      const list = await get(t, `/api/v1/dossiers/${state.id}/documents`);
      const doc = list.json().items[0];
      const outsider = state.receivingUnitId === (await t.app.database.reader.selectFrom('units').select('id').where('code', '=', '000.01.01.H01').executeTakeFirstOrThrow()).id ? 'candang.motcua' : 'tinh.motcua';
      for (const url of [`/api/v1/dossiers/${state.id}/documents`, `/api/v1/documents/${doc.id}/pdf`, `/api/v1/documents/${doc.id}/verify`, `/api/v1/dossiers/${state.id}/documents/06`]) {
        const response = await get(t, url, outsider);
        assert.equal(response.statusCode, 403, `${outsider} ${url}: ${response.body}`);
      }
      assert.equal((await t.inject({ method: 'GET', url: `/api/v1/documents/${doc.id}/pdf` })).statusCode, 401);
    });
  },
  { clock },
);

forEachDialect('official documents: the unit’s own signing certificate', (testApp) => {
  it('an administrator installs a PKCS#12 for the unit; its receipts are then signed with it', async () => {
    const t = testApp();
    clock.set(new Date('2026-04-06T02:00:00.000Z'));
    const desk = await unitIdByCode(t, '001.21.45.H01');
    const p12 = makeDevelopmentPkcs12('UBND xã Cần Đăng — Bộ phận Một cửa', 'mật-khẩu', new Date());
    const put = async (user: string, body: object) => t.inject({ method: 'PUT', url: `/api/v1/units/${desk}/signing-certificate`, headers: { cookie: await t.login(user) }, payload: body });
    assert.equal((await put('candang.motcua', { pkcs12: p12.toString('base64'), passphrase: 'mật-khẩu' })).statusCode, 403, 'desk officers do not install certificates');
    assert.equal((await put('candang.quantri', { pkcs12: p12.toString('base64'), passphrase: 'sai' })).json().error.code, 'SIGNING_CERTIFICATE_INVALID');
    const ok = await put('candang.quantri', { pkcs12: p12.toString('base64'), passphrase: 'mật-khẩu' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().subject, 'UBND xã Cần Đăng — Bộ phận Một cửa');
    const stored = await t.app.database.reader.selectFrom('signing_certificates').select('sealed_pkcs12').where('unit_id', '=', desk).executeTakeFirstOrThrow();
    assert.ok(!Buffer.from(stored.sealed_pkcs12, 'base64').includes(p12.subarray(0, 64)), 'stored sealed, not in clear');

    const procedure = (await t.inject({ method: 'GET', url: `/api/v1/procedures/${DEMO_PROCEDURES.birthRegistration.code}` })).json();
    const dossier = await postAs(t, 'candang.motcua', '/api/v1/dossiers', {
      procedureCode: DEMO_PROCEDURES.birthRegistration.code,
      caseCode: 'TH1',
      receivingUnitId: desk,
      channel: 'in_person',
      applicant: { kind: 'person', name: 'Trịnh Thị Ngọc Ánh', idNumber: '089190002222', address: 'Ấp An Thạnh, xã Cần Đăng', phone: '0913000222', email: null },
      subject: 'Đăng ký khai sinh cho con Trịnh Gia Hưng',
      components: procedure.cases[0].components.map((c: { code: string }) => ({ code: c.code, originals: 1, copies: 0 })),
      resultDelivery: 'counter',
      outcome: { kind: 'receive' },
    }, 201);
    const receipt = await get(t, `/api/v1/dossiers/${dossier.id}/documents/01`, 'candang.motcua');
    assert.equal(receipt.statusCode, 200, receipt.body);
    const report = await verifyPdf(receipt.rawPayload);
    assert.equal(report.signatures[0]!.certificate.subject, 'UBND xã Cần Đăng — Bộ phận Một cửa');
    assert.equal(report.signatures[0]!.signerName, 'Trần Thị Bích', 'the desk officer who received it');
    assert.match(pdfsig(receipt.rawPayload), /Signature is Valid\./);
    const text = pdfText(receipt.rawPayload);
    assert.ok(text.includes('Trịnh Thị Ngọc Ánh') && text.includes(dossier.code) && text.includes('ngày 06/04/2026'), text);
  });
}, { clock });
