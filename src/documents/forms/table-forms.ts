// Layout 1 of the table forms: 06 the processing control sheet (A5, one row per hand-over with early /
// on time / late) and 07 the yearly register (A4 landscape, rows numbered from 1 without gaps).
import type { Sheet } from '../pdf/sheet.js';
import { drawHeader, drawLookup, drawTitle, shortTimeText } from './form-parts.js';
import type { ControlSheetData, RegisterData } from './form-types.js';

const RESULT = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' } as const;

export async function drawControlSheet(sheet: Sheet, d: ControlSheetData): Promise<void> {
  await drawLookup(sheet, d.dossierCode, d.lookupUrl, 9.5);
  await drawHeader(sheet, d.header, 9.5);
  await drawTitle(sheet, 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', 12);
  await sheet.field('Mã số hồ sơ:', d.dossierCode ?? '');
  await sheet.field('Thủ tục:', d.procedureName);
  await sheet.field('Người nộp:', d.applicantName);
  await sheet.field('Cơ quan giải quyết hồ sơ:', d.resolvingUnit);
  await sheet.field('Cơ quan phối hợp giải quyết hồ sơ:', d.cooperatingUnits.length > 0 ? d.cooperatingUnits.join('; ') : 'không có');
  await sheet.field('Ngày nhận hồ sơ:', shortTimeText(d.receivedAt));
  await sheet.field('Thời gian hẹn trả kết quả:', shortTimeText(d.dueAt));
  sheet.gap(4);
  await sheet.table(
    [
      { title: 'Tên cơ quan', weight: 3 },
      { title: 'Thời gian giao, nhận hồ sơ', weight: 2.6 },
      { title: 'Kết quả giải quyết', weight: 1.3, align: 'center' },
      { title: 'Ghi chú', weight: 1.7 },
    ],
    d.rows.map((r) => [
      `${r.step}\n1. Giao: ${r.from}\n2. Nhận: ${r.to}`,
      `${shortTimeText(r.handedOverAt)}${r.dueAt ? `\nHạn: ${shortTimeText(r.dueAt)}` : ''}${r.finishedAt ? `\nXong: ${shortTimeText(r.finishedAt)}` : ''}`,
      r.result ? RESULT[r.result] : r.finishedAt ? '' : 'Đang xử lý',
      r.note ?? '',
    ]),
    { size: 8.5 },
  );
  sheet.gap(6);
  await sheet.paragraph('Ghi chú: Kết quả giải quyết do bên nhận hồ sơ ghi; phiếu lập tự động trên hệ thống.', { size: 8, face: 'italic' });
}

export async function drawRegister(sheet: Sheet, d: RegisterData): Promise<void> {
  await drawHeader(sheet, d.header, 10);
  await drawTitle(sheet, `SỔ THEO DÕI HỒ SƠ NĂM ${d.year}`, 13);
  await sheet.table(
    [
      { title: 'STT', weight: 0.5, align: 'center' },
      { title: 'Mã hồ sơ', weight: 2 },
      { title: 'Tên thủ tục hành chính', weight: 2.6 },
      { title: 'Tên cá nhân, tổ chức', weight: 1.6 },
      { title: 'Địa chỉ, số điện thoại', weight: 1.6 },
      { title: 'Cơ quan chủ trì giải quyết', weight: 1.6 },
      { title: 'Ngày, giờ nhận hồ sơ', weight: 1.1 },
      { title: 'Ngày, giờ hẹn trả kết quả', weight: 1.1 },
      { title: 'Ngày, giờ trả kết quả', weight: 1.1 },
      { title: 'Phương thức nhận kết quả', weight: 1 },
      { title: 'Tình trạng', weight: 1.1 },
    ],
    d.rows.map((r) => [String(r.serial), r.code, r.procedureName, r.applicantName, r.addressOrPhone, r.leadUnit, shortTimeText(r.receivedAt), shortTimeText(r.dueAt), shortTimeText(r.returnedAt), r.delivery, r.status]),
    { size: 7.5 },
  );
  if (d.rows.length === 0) await sheet.paragraph('(Chưa có hồ sơ nào trong năm.)', { face: 'italic' });
}
