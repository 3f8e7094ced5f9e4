// Layout 1 of the A5 forms 01–05: receipt and appointment, supplement request, refusal, apology with a
// new appointment, stop notice. Each draws its snapshot only: no clock, no database.
import { amountInWords, formatAmount } from '../pdf/vietnamese-words.js';
import type { Sheet } from '../pdf/sheet.js';
import { dateText, drawHeader, drawLookup, drawPerson, drawSignatures, drawTitle, timeText } from './form-parts.js';
import type { ApologyData, ReceiptData, RefusalData, StopData, SupplementData } from './form-types.js';

const HEADER = 9.5;
const TITLE = 12;

async function numbered(sheet: Sheet, items: readonly string[]): Promise<void> {
  if (items.length === 0) {
    await sheet.paragraph('(không có)', { x: sheet.left + 12 });
    return;
  }
  for (const [i, item] of items.entries()) await sheet.paragraph(`${i + 1}. ${item}`, { x: sheet.left + 12, indent: 10 });
}

export async function drawReceipt(sheet: Sheet, d: ReceiptData): Promise<void> {
  await drawLookup(sheet, d.dossierCode, d.lookupUrl, HEADER);
  await drawHeader(sheet, d.header, HEADER);
  await drawTitle(sheet, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', TITLE);
  await sheet.paragraph(`Mã hồ sơ: ${d.dossierCode ?? ''}`, { face: 'bold', align: 'center' });
  await sheet.paragraph(`(Liên: Lưu/Giao người nộp hồ sơ)`, { face: 'italic', align: 'center', size: sheet.bodySize - 1 });
  sheet.gap(4);
  await sheet.paragraph(`${d.header.unitName} tiếp nhận hồ sơ của:`);
  await drawPerson(sheet, 'Ông/Bà/Tổ chức', d.applicant);
  if (d.representative) {
    await drawPerson(sheet, 'Người được ủy quyền', d.representative);
    if (d.representative.authorisation) await sheet.field('Văn bản ủy quyền:', d.representative.authorisation);
  }
  await sheet.field('Nội dung yêu cầu giải quyết:', `${d.procedureName} — ${d.subject}`);
  await sheet.paragraph('Thành phần hồ sơ nộp gồm:');
  await numbered(sheet, d.components.map((c) => `${c.name} (bản chính: ${c.originals}, bản sao: ${c.copies})`));
  await sheet.field('Số lượng hồ sơ:', `${String(d.sets).padStart(2, '0')} (bộ)`);
  await sheet.field('Thời gian giải quyết hồ sơ theo quy định:', d.timeLimit);
  await sheet.field('Thời gian nhận hồ sơ:', timeText(d.receivedAt));
  await sheet.field('Thời gian trả kết quả giải quyết hồ sơ:', d.dueAt ? timeText(d.dueAt) : 'không hẹn ngày trả (giải quyết ngay)');
  for (const fee of d.fees) await sheet.field(`${fee.description}:`, `${formatAmount(fee.amount)} đồng (Bằng chữ: ${amountInWords(fee.amount)}).`);
  await sheet.field('Đăng ký nhận kết quả tại:', d.resultPlace);
  await sheet.field('Vào Sổ theo dõi hồ sơ, Quyển số:', `${d.register.book}, Số thứ tự: ${d.register.serial}`);
  await drawSignatures(sheet, { left: { title: 'Người nộp hồ sơ', name: d.representative?.name ?? d.applicant.name }, right: d.receiver }, HEADER);
}

export async function drawSupplement(sheet: Sheet, d: SupplementData): Promise<void> {
  await drawLookup(sheet, d.dossierCode, d.lookupUrl, HEADER);
  await drawHeader(sheet, d.header, HEADER);
  await drawTitle(sheet, 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', TITLE);
  if (d.dossierCode) await sheet.paragraph(`Mã hồ sơ: ${d.dossierCode}`, { face: 'bold', align: 'center' });
  sheet.gap(4);
  await sheet.paragraph(`${d.header.unitName} tiếp nhận hồ sơ của:`);
  await drawPerson(sheet, 'Ông/Bà/Tổ chức', d.applicant);
  await sheet.field('Nội dung yêu cầu giải quyết:', `${d.procedureName} — ${d.subject}`);
  await sheet.paragraph('Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:');
  await numbered(sheet, d.items);
  await sheet.field('Lý do:', d.reason);
  await sheet.paragraph('Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà/tổ chức liên hệ với:');
  await sheet.paragraph(`${d.contact.name}${d.contact.phone ? `, số điện thoại ${d.contact.phone}` : ''} để được hướng dẫn.`, { x: sheet.left + 12 });
  await drawSignatures(sheet, { right: d.officer }, HEADER);
}

export async function drawRefusal(sheet: Sheet, d: RefusalData): Promise<void> {
  await drawLookup(sheet, d.dossierCode, d.lookupUrl, HEADER);
  await drawHeader(sheet, d.header, HEADER);
  await drawTitle(sheet, 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', TITLE);
  await sheet.paragraph(`${d.header.unitName} tiếp nhận hồ sơ của:`);
  await drawPerson(sheet, 'Ông/Bà/Tổ chức', d.applicant);
  await sheet.field('Mã hồ sơ (nếu có):', d.dossierCode ?? 'chưa cấp');
  await sheet.field('Nội dung yêu cầu giải quyết:', `${d.procedureName} — ${d.subject}`);
  await sheet.paragraph('Qua xem xét, cơ quan, đơn vị từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:');
  await sheet.paragraph(d.reason, { x: sheet.left + 12, face: 'italic' });
  if (d.items.length > 0) await numbered(sheet, d.items);
  await sheet.paragraph('Xin thông báo để ông/bà/tổ chức được biết và thực hiện.');
  await drawSignatures(sheet, { left: { title: 'Người nộp hồ sơ', name: d.applicant.name }, right: d.officer }, HEADER);
}

export async function drawApology(sheet: Sheet, d: ApologyData): Promise<void> {
  await drawLookup(sheet, d.dossierCode, d.lookupUrl, HEADER);
  await drawHeader(sheet, d.header, HEADER);
  await drawTitle(sheet, 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', TITLE);
  await sheet.paragraph(`Kính gửi: ${d.applicant.name}`, { face: 'bold', align: 'center' });
  sheet.gap(4);
  await sheet.paragraph(
    `Ngày ${dateText(d.receivedAt)}, ${d.header.unitName} tiếp nhận giải quyết hồ sơ ${d.procedureName} của ông/bà/tổ chức` +
      `${d.applicant.idNumber ? ` (số định danh ${d.applicant.idNumber})` : ''}, mã hồ sơ ${d.dossierCode ?? ''}.`,
  );
  await sheet.field('Thời gian hẹn trả kết quả giải quyết hồ sơ:', `${timeText(d.originalDueAt)}.`);
  await sheet.paragraph('Tuy nhiên đến nay, cơ quan, đơn vị chưa trả kết quả giải quyết hồ sơ cho ông/bà/tổ chức đúng hạn.');
  await sheet.field('Lý do:', d.reason);
  await sheet.paragraph('Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của ông/bà/tổ chức. Cơ quan, đơn vị chân thành xin lỗi ông/bà/tổ chức và sẽ trả kết quả giải quyết hồ sơ cho ông/bà/tổ chức vào:');
  await sheet.paragraph(timeText(d.newDueAt), { face: 'bold', align: 'center' });
  await sheet.paragraph('Rất mong nhận được sự thông cảm của ông/bà/tổ chức. Trân trọng!');
  await drawSignatures(sheet, { right: d.head }, HEADER);
}

export async function drawStop(sheet: Sheet, d: StopData): Promise<void> {
  await drawLookup(sheet, d.dossierCode, d.lookupUrl, HEADER);
  await drawHeader(sheet, d.header, HEADER);
  await drawTitle(sheet, 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', TITLE);
  await sheet.paragraph(`Kính gửi: ${d.applicant.name}`, { face: 'bold', align: 'center' });
  sheet.gap(4);
  await sheet.paragraph(
    `${d.header.unitName} thông báo dừng giải quyết hồ sơ ${d.procedureName}, mã hồ sơ ${d.dossierCode ?? ''}` +
      `${d.receivedAt ? `, tiếp nhận ngày ${dateText(d.receivedAt)}` : ''}.`,
  );
  await sheet.field('Lý do:', d.reason);
  await sheet.paragraph('Hồ sơ và giấy tờ đã nộp được trả lại cho ông/bà/tổ chức tại nơi tiếp nhận. Trân trọng!');
  await drawSignatures(sheet, { right: d.head }, HEADER);
}
