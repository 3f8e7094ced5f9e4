// In-process benchmark of official documents on one core: signed receipts (form 01, A5, Tinos, QR code,
// PAdES signature with a 2048-bit RSA key) per second — target ≥ 100/s — against pdf-lib writing a
// one-line A5 page in a standard font in the same run (the floor of any pdf-lib document).
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { renderForm, renderFormDocument } from '../src/documents/forms/render.js';
import type { ReceiptData } from '../src/documents/forms/form-types.js';
import { makeDevelopmentPkcs12, readPkcs12 } from '../src/documents/signing/certificates.js';
import { signDocument } from '../src/documents/signing/sign-pdf.js';
import { SoftwareSigner } from '../src/documents/signing/signer.js';
import { verifyPdf } from '../src/documents/signing/verify-pdf.js';

export interface DocumentFigure {
  readonly name: string;
  readonly description: string;
  readonly perSecond: number;
  /** Documents per second of this process's CPU time: the one-core rate, whatever else shares the machine. */
  readonly perCpuSecond: number;
  readonly bytes: number;
}

const MEASURE_MS = 5000;

function receipt(i: number): ReceiptData {
  const code = `000.01.01.H01-260309-${String(i % 10_000).padStart(4, '0')}`;
  return {
    form: '01',
    layout: 1,
    header: { authority: 'UBND tỉnh An Giang', unitName: 'Trung tâm Phục vụ hành chính công tỉnh An Giang', number: `Số: ${i + 1}/TNHS`, place: 'An Giang', issuedAt: '2026-03-09T02:00:00.000Z' },
    dossierCode: code,
    lookupUrl: `https://dichvucong.angiang.gov.vn/tra-cuu/${code}`,
    applicant: { name: 'Nguyễn Thị Hồng Nhung', idNumber: '089186001234', address: 'Ấp Hòa Long, xã Cần Đăng, tỉnh An Giang', phone: '0912345678', email: null },
    representative: null,
    procedureName: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    subject: 'Chuyển nhượng quyền sử dụng đất thửa số 125, tờ bản đồ số 12',
    components: [
      { name: 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất', originals: 1, copies: 0 },
      { name: 'Hợp đồng chuyển nhượng quyền sử dụng đất có công chứng', originals: 1, copies: 1 },
      { name: 'Giấy chứng nhận quyền sử dụng đất đã cấp', originals: 1, copies: 0 },
    ],
    sets: 1,
    timeLimit: '10 ngày làm việc',
    receivedAt: '2026-03-09T02:00:00.000Z',
    dueAt: '2026-03-23T10:00:00.000Z',
    resultPlace: 'Bộ phận Một cửa (nhận trực tiếp)',
    fees: [{ description: 'Lệ phí đăng ký biến động', amount: 1_250_000 }],
    register: { book: '2026', serial: i + 1 },
    receiver: { title: 'Người tiếp nhận hồ sơ', name: 'Ngô Thanh Tâm' },
  };
}

async function rate(body: (i: number) => Promise<Uint8Array>): Promise<{ perSecond: number; perCpuSecond: number; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < 10; i++) bytes = (await body(i)).byteLength; // warm-up (JIT, font parsing)
  let count = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  while (performance.now() - started < MEASURE_MS) bytes = (await body(count++)).byteLength;
  const used = process.cpuUsage(cpu);
  return { perSecond: count / ((performance.now() - started) / 1000), perCpuSecond: count / ((used.user + used.system) / 1e6), bytes };
}

export async function measureDocuments(): Promise<DocumentFigure[]> {
  const signer = new SoftwareSigner(readPkcs12(makeDevelopmentPkcs12('Trung tâm Phục vụ hành chính công tỉnh An Giang', 'bench', new Date()), 'bench'));
  const sign = async (i: number) => signDocument(await renderFormDocument(receipt(i)), signer, { signerName: 'Ngô Thanh Tâm', reason: 'Ký ban hành: Giấy tiếp nhận hồ sơ và hẹn trả kết quả', location: 'An Giang', signingTime: new Date() });
  const sample = await sign(0);
  if (!(await verifyPdf(sample)).intact) throw new Error('the benchmark receipt does not verify');
  const figures: DocumentFigure[] = [];
  const baseline = await rate(async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.TimesRoman);
    doc.addPage([419.53, 595.28]).drawText('Giay tiep nhan ho so', { x: 40, y: 500, size: 12, font });
    return doc.save({ useObjectStreams: false });
  });
  figures.push({ name: 'baseline-pdf-lib-one-line', description: 'pdf-lib: an A5 page with one line in a standard font (no embedded font), saved', ...baseline });
  figures.push({ name: 'receipt-unsigned', description: 'renderForm: form 01 from its snapshot (Tinos subsets embedded, QR code, fee in words)', ...(await rate((i) => renderForm(receipt(i)))) });
  figures.push({ name: 'receipt-signed', description: 'the same, with the signature placeholder and a PAdES (adbe.pkcs7.detached) RSA-2048 signature', ...(await rate(sign)) });
  return figures;
}

export function documentsMarkdown(figures: readonly DocumentFigure[]): string {
  const baseline = figures[0]!.perSecond;
  const rows = figures.map((f) => `| ${f.name} | ${f.perSecond.toFixed(1)} | ${f.perCpuSecond.toFixed(1)} | ${(f.perSecond / baseline).toFixed(3)} | ${(f.bytes / 1024).toFixed(1)} KiB | ${f.description} |`);
  const signed = figures.find((f) => f.name === 'receipt-signed')!;
  return [
    '',
    '### Official documents (in process, one core)',
    '',
    '| Document | per second | per CPU-second | ratio to baseline | size | What |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    // One core: the process's own CPU time (it includes V8's garbage-collector threads, so it errs low).
    `Target ≥ 100 signed receipts/s on one core: ${signed.perCpuSecond >= 100 ? 'met' : '**NOT met**'} (${signed.perCpuSecond.toFixed(1)} per CPU-second; ${signed.perSecond.toFixed(1)}/s by the clock).`,
    '',
  ].join('\n');
}
