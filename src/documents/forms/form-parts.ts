// What every form shares: the two-column header (issuing body and number | national motto and date line),
// the title, dates written as on paper (dd/mm/yyyy, hh:mm in Vietnam), the signature block and the lookup QR code.
import { drawQr } from '../pdf/qr.js';
import type { Sheet } from '../pdf/sheet.js';
import type { FormHeader, Person, SignatureBlock } from './form-types.js';

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

function parts(instant: string): { dd: string; mm: string; yyyy: string; hh: string; mi: string } {
  const d = new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return { dd: two(d.getUTCDate()), mm: two(d.getUTCMonth() + 1), yyyy: String(d.getUTCFullYear()), hh: two(d.getUTCHours()), mi: two(d.getUTCMinutes()) };
}

/** "09/03/2026" (the legal date in Vietnam). */
export function dateText(instant: string): string {
  const p = parts(instant);
  return `${p.dd}/${p.mm}/${p.yyyy}`;
}

/** "09 giờ 00 phút, ngày 09/03/2026". */
export function timeText(instant: string): string {
  const p = parts(instant);
  return `${p.hh} giờ ${p.mi} phút, ngày ${p.dd}/${p.mm}/${p.yyyy}`;
}

/** "09:00 09/03/2026" (tables). */
export function shortTimeText(instant: string | null): string {
  if (!instant) return '';
  const p = parts(instant);
  return `${p.hh}:${p.mi} ${p.dd}/${p.mm}/${p.yyyy}`;
}

export function yearOf(instant: string): number {
  return Number(parts(instant).yyyy);
}

export const MOTTO = { nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', motto: 'Độc lập - Tự do - Hạnh phúc' };

/** The header of Decree 30/2020's layout: left the issuing body and number, right the motto and the date line. */
export async function drawHeader(sheet: Sheet, header: FormHeader, size: number): Promise<void> {
  const leftCentre = sheet.left + sheet.width * 0.22;
  const rightCentre = sheet.left + sheet.width * 0.68;
  const leftWidth = sheet.width * 0.44;
  const top = sheet.y;
  let y = top;
  if (header.authority) {
    for (const line of await sheet.wrap(header.authority.toUpperCase(), leftWidth, { size })) {
      await sheet.drawCentred(line, leftCentre, y, { size });
      y -= size * 1.25;
    }
  }
  let unitWidth = 0;
  for (const line of await sheet.wrap(header.unitName.toUpperCase(), leftWidth, { size, face: 'bold' })) {
    unitWidth = Math.max(unitWidth, await sheet.drawCentred(line, leftCentre, y, { size, face: 'bold' }));
    y -= size * 1.25;
  }
  sheet.rule(leftCentre - unitWidth / 4, leftCentre + unitWidth / 4, y + size * 0.9, 0.5);
  y -= size * 0.6;
  await sheet.drawCentred(header.number, leftCentre, y, { size });
  const leftBottom = y;

  y = top;
  await sheet.drawCentred(MOTTO.nation, rightCentre, y, { size: size - 0.5, face: 'bold' });
  y -= size * 1.25;
  const mottoWidth = await sheet.drawCentred(MOTTO.motto, rightCentre, y, { size: size + 0.5, face: 'bold' });
  sheet.rule(rightCentre - mottoWidth / 2, rightCentre + mottoWidth / 2, y - 3, 0.5);
  y -= size * 1.25 + size * 0.6;
  const p = parts(header.issuedAt);
  await sheet.drawCentred(`${header.place}, ngày ${p.dd} tháng ${p.mm} năm ${p.yyyy}`, rightCentre, y, { size, face: 'italic' });
  sheet.y = Math.min(leftBottom, y) - size * 2;
}

export async function drawTitle(sheet: Sheet, title: string, size: number): Promise<void> {
  await sheet.paragraph(title.toUpperCase(), { size, face: 'bold', align: 'center' });
  sheet.gap(size * 0.4);
}

export async function drawPerson(sheet: Sheet, label: string, person: Person): Promise<void> {
  await sheet.field(`${label}:`, person.name);
  if (person.idNumber) await sheet.field('Số định danh cá nhân/Mã số tổ chức:', person.idNumber);
  await sheet.field('Địa chỉ:', person.address ?? '……………………');
  await sheet.field('Số điện thoại:', `${person.phone ?? '…………'}     Email: ${person.email ?? '…………'}`);
}

/** Signature columns: left the applicant (optional), right the officer; the officer's name printed under the space. */
export async function drawSignatures(sheet: Sheet, blocks: { left?: SignatureBlock; right: SignatureBlock }, size: number): Promise<void> {
  sheet.ensure(size * 7);
  sheet.gap(size * 0.5);
  const top = sheet.y;
  const columns: Array<[SignatureBlock | undefined, number]> = [
    [blocks.left, sheet.left + sheet.width * 0.25],
    [blocks.right, sheet.left + sheet.width * 0.72],
  ];
  for (const [block, centre] of columns) {
    if (!block) continue;
    await sheet.drawCentred(block.title.toUpperCase(), centre, top, { size, face: 'bold' });
    await sheet.drawCentred('(Ký và ghi rõ họ tên)', centre, top - size * 1.3, { size: size - 1, face: 'italic' });
    await sheet.drawCentred(block.name, centre, top - size * 5.5, { size, face: 'bold' });
  }
  sheet.y = top - size * 7;
}

/**
 * The QR code of the public lookup page at the foot of the first page, with the dossier code and the address
 * beside it; the space is reserved so that the body never runs into it (a long form continues overleaf).
 */
export async function drawLookup(sheet: Sheet, code: string | null, url: string | null, size: number): Promise<void> {
  if (!code || !url) return;
  const qrSize = 62;
  sheet.reserveFirstPageBottom(qrSize + size);
  const page = sheet.firstPage;
  const bottom = sheet.margins - 12;
  drawQr(page, url, sheet.left - 4, bottom, qrSize);
  const x = sheet.left + qrSize + 2;
  const width = sheet.right - x;
  const current = sheet.page;
  sheet.page = page;
  let y = bottom + qrSize - size * 1.6;
  for (const line of [`Mã hồ sơ: ${code}`, 'Tra cứu tình trạng hồ sơ bằng mã QR hoặc tại địa chỉ:']) {
    await sheet.draw(line, x, y, { size: size - 1, face: line.startsWith('Mã') ? 'bold' : 'italic' });
    y -= size * 1.25;
  }
  for (const line of await sheet.wrap(url, width, { size: size - 1.5 })) {
    await sheet.draw(line, x, y, { size: size - 1.5 });
    y -= size * 1.2;
  }
  sheet.page = current;
}
