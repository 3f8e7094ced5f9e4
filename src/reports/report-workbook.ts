// A report form as an Excel workbook in the official layout: the reporting unit and the form's number at
// the top, the title and the period, two rows of merged headers, the row of column numbers, one row per
// group, the totals row, and the signature block — Times New Roman, A4 landscape, one page wide.
import type ExcelJS from 'exceljs';
import { vietnameseDate, type FormTable } from './report-forms.js';

/** exceljs is large (~1 s to load on a busy machine): loaded on first use, not at start. */
const loadExcel = async () => (await import('exceljs')).default;

const FONT = 'Times New Roman';
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

const GROUP_TITLES: Record<string, { vi: string; en: string }> = {
  none: { vi: 'Nội dung', en: 'Item' },
  field: { vi: 'Lĩnh vực giải quyết', en: 'Field' },
  procedure: { vi: 'Thủ tục hành chính', en: 'Procedure' },
  unit: { vi: 'Cơ quan, đơn vị tiếp nhận', en: 'Receiving unit' },
  channel: { vi: 'Hình thức tiếp nhận', en: 'Channel' },
  onlineLevel: { vi: 'Mức độ dịch vụ công trực tuyến', en: 'Online service level' },
  officer: { vi: 'Cán bộ tiếp nhận', en: 'Receiving officer' },
};

export async function writeFormWorkbook(table: FormTable, language: 'vi' | 'en', issuedOn: string): Promise<Buffer> {
  const vi = language === 'vi';
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'MotCua';
  const sheet = workbook.addWorksheet(table.form === 'ii06a' ? 'II.06a' : 'Tien do 766', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 } },
  });
  const lastColumn = table.columns.length + 2;
  sheet.columns = [{ width: 6 }, { width: 38 }, ...table.columns.map(() => ({ width: 11 }))];
  const style = (cell: ExcelJS.Cell, options: { bold?: boolean; italic?: boolean; size?: number; align?: 'left' | 'center' | 'right'; border?: boolean } = {}) => {
    cell.font = { name: FONT, size: options.size ?? 11, bold: options.bold ?? false, italic: options.italic ?? false };
    cell.alignment = { horizontal: options.align ?? 'center', vertical: 'middle', wrapText: true };
    if (options.border) cell.border = BORDER;
  };
  const put = (row: number, from: number, to: number, value: string, options: Parameters<typeof style>[1] = {}) => {
    if (to > from) sheet.mergeCells(row, from, row, to);
    const cell = sheet.getCell(row, from);
    cell.value = value;
    style(cell, options);
  };

  const half = Math.floor(lastColumn / 2);
  put(1, 1, half, vi ? `Đơn vị báo cáo: ${table.unitName}` : `Reporting unit: ${table.unitName}`, { bold: true, align: 'left' });
  put(1, half + 1, lastColumn, table.formNumber, { bold: true, align: 'right' });
  put(2, half + 1, lastColumn, vi ? 'Đơn vị nhận báo cáo: Văn phòng Ủy ban nhân dân cấp trên' : 'Report to: the office of the People’s Committee above', { italic: true, align: 'right' });
  put(4, 1, lastColumn, vi ? `${table.title} TẠI ${table.unitName.toLocaleUpperCase('vi')}` : `${table.title} — ${table.unitName}`, { bold: true, size: 13 });
  put(5, 1, lastColumn, vi ? `Kỳ báo cáo: từ ngày ${vietnameseDate(table.period.from)} đến ngày ${vietnameseDate(table.period.to)}` : `Period: ${vietnameseDate(table.period.from)} to ${vietnameseDate(table.period.to)}`, { italic: true });
  put(6, 1, lastColumn, vi ? 'Đơn vị tính: Số hồ sơ TTHC' : 'Unit: number of dossiers', { italic: true, align: 'right' });

  // Two header rows: group titles merged over their columns, then each column's own title.
  const top = 7;
  sheet.mergeCells(top, 1, top + 1, 1);
  sheet.getCell(top, 1).value = vi ? 'STT' : 'No.';
  sheet.mergeCells(top, 2, top + 1, 2);
  sheet.getCell(top, 2).value = (GROUP_TITLES[table.groupBy] ?? GROUP_TITLES.none!)[language];
  let start = 0;
  while (start < table.columns.length) {
    let end = start;
    while (end + 1 < table.columns.length && table.columns[end + 1]!.headers[0] === table.columns[start]!.headers[0]) end++;
    if (end > start) sheet.mergeCells(top, start + 3, top, end + 3);
    sheet.getCell(top, start + 3).value = table.columns[start]!.headers[0]!;
    for (let i = start; i <= end; i++) sheet.getCell(top + 1, i + 3).value = table.columns[i]!.headers[1]!;
    start = end + 1;
  }
  sheet.getRow(top).height = 32;
  sheet.getRow(top + 1).height = 62;
  const numbers = [1, 2, ...table.columns.map((c) => c.number)];
  numbers.forEach((n, i) => (sheet.getCell(top + 2, i + 1).value = `(${n})`));
  for (let r = top; r <= top + 2; r++) for (let c = 1; c <= lastColumn; c++) style(sheet.getCell(r, c), { bold: r < top + 2, italic: r === top + 2, border: true });

  let row = top + 3;
  for (const data of table.rows) {
    sheet.getRow(row).values = [data.number, data.name, ...data.values];
    for (let c = 1; c <= lastColumn; c++) style(sheet.getCell(row, c), { border: true, align: c === 2 ? 'left' : c === 1 ? 'center' : 'right' });
    row++;
  }
  sheet.getRow(row).values = ['', table.total.name, ...table.total.values];
  for (let c = 1; c <= lastColumn; c++) style(sheet.getCell(row, c), { bold: true, border: true, align: c === 2 ? 'center' : 'right' });

  row += 2;
  const signature = Math.max(3, lastColumn - 4);
  put(row, signature, lastColumn, vi ? `Ngày ${issuedOn.slice(8, 10)} tháng ${issuedOn.slice(5, 7)} năm ${issuedOn.slice(0, 4)}` : `Date: ${vietnameseDate(issuedOn)}`, { italic: true });
  put(row + 1, 1, 4, vi ? 'NGƯỜI LẬP BIỂU' : 'PREPARED BY', { bold: true });
  put(row + 1, signature, lastColumn, vi ? 'THỦ TRƯỞNG ĐƠN VỊ' : 'HEAD OF THE UNIT', { bold: true });
  put(row + 2, 1, 4, vi ? '(Ký, ghi rõ họ tên)' : '(Signature, full name)', { italic: true });
  put(row + 2, signature, lastColumn, vi ? '(Ký, đóng dấu, ghi rõ họ tên)' : '(Signature, seal, full name)', { italic: true });
  sheet.pageSetup.printArea = `A1:${sheet.getColumn(lastColumn).letter}${row + 6}`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
