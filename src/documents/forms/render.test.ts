// Rendering is a pure function of the snapshot: the same data and layout give the same bytes; an unknown
// layout is refused; a signature over a rendered form breaks when content is appended after signing.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AppError } from '../../errors/app-error.js';
import { makeDevelopmentPkcs12, readPkcs12 } from '../signing/certificates.js';
import { signDocument } from '../signing/sign-pdf.js';
import { SoftwareSigner } from '../signing/signer.js';
import { verifyPdf } from '../signing/verify-pdf.js';
import type { ApologyData } from './form-types.js';
import { renderForm, renderFormDocument } from './render.js';

const apology: ApologyData = {
  form: '04',
  layout: 1,
  header: { authority: 'UBND tỉnh An Giang', unitName: 'Văn phòng Đăng ký đất đai tỉnh An Giang', number: 'Số: 7/PXL', place: 'An Giang', issuedAt: '2026-03-20T03:00:00.000Z' },
  dossierCode: '000.01.01.H01-260309-0001',
  lookupUrl: 'https://dichvucong.angiang.gov.vn/tra-cuu/000.01.01.H01-260309-0001',
  applicant: { name: 'Nguyễn Thị Hồng Nhung', idNumber: '089186001234', address: 'Ấp Hòa Long, xã Cần Đăng', phone: null, email: null },
  procedureName: 'Đăng ký biến động quyền sử dụng đất',
  receivedAt: '2026-03-09T02:00:00.000Z',
  originalDueAt: '2026-03-23T10:00:00.000Z',
  newDueAt: '2026-03-27T10:00:00.000Z',
  reason: 'Chờ kết quả xác định nghĩa vụ tài chính của cơ quan thuế',
  head: { title: 'Giám đốc', name: 'Trương Quốc Bảo' },
};

it('renders the same snapshot to the same bytes, and refuses a layout it does not know', async () => {
  const first = Buffer.from(await renderForm(apology));
  const second = Buffer.from(await renderForm(structuredClone(apology)));
  assert.ok(first.equals(second));
  const decomposed = Buffer.from(await renderForm({ ...apology, applicant: { ...apology.applicant, name: apology.applicant.name.normalize('NFD') } }));
  assert.ok(decomposed.equals(first), 'text is NFC-normalised before it is drawn');
  await assert.rejects(renderForm({ ...apology, layout: 99 }), (e: unknown) => e instanceof AppError && e.code === 'DOCUMENT_LAYOUT_UNSUPPORTED');
});

it('names the signer and finds content appended after signing', async () => {
  const signer = new SoftwareSigner(readPkcs12(makeDevelopmentPkcs12('Văn phòng Đăng ký đất đai tỉnh An Giang', 'pw', new Date('2026-01-01T00:00:00Z')), 'pw'));
  const signed = await signDocument(await renderFormDocument(apology), signer, { signerName: 'Trương Quốc Bảo', reason: 'Ký ban hành', location: 'An Giang', signingTime: new Date('2026-03-20T03:00:00Z') });
  const report = await verifyPdf(signed);
  assert.equal(report.intact, true);
  assert.equal(report.signatures[0]!.signerName, 'Trương Quốc Bảo');
  assert.equal(report.signatures[0]!.certificate.subject, 'Văn phòng Đăng ký đất đai tỉnh An Giang');
  assert.equal(report.signatures[0]!.signedAt, '2026-03-20T03:00:00.000Z');
  const appended = Buffer.concat([signed, Buffer.from('\n% appended after signing\n')]);
  const after = await verifyPdf(appended);
  assert.equal(after.intact, false);
  assert.equal(after.signatures[0]!.coversWholeFile, false);
  assert.equal(after.signatures[0]!.digestMatches, true, 'the signed bytes themselves are untouched');
  await assert.rejects(verifyPdf(Buffer.from('not a pdf')), (e: unknown) => e instanceof AppError && e.code === 'PDF_INVALID');
});
