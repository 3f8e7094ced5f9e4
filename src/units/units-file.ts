// Reads a unit list from CSV or Excel (first sheet). Headers are matched without case or diacritics,
// in English or Vietnamese: code/ma_dinh_danh, name/ten, type/loai, parent_code/ma_cap_tren…
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { searchTextOf } from './unit.js';

/** exceljs is large (~1 s to load on a busy machine): loaded on first use, not at start. */
const loadExcel = async () => (await import('exceljs')).default;

export type UnitFileFormat = 'csv' | 'xlsx';

export interface UnitFileRow {
  /** 1-based line in the file (the header is line 1). */
  readonly line: number;
  readonly values: Partial<Record<UnitFileColumn, string>>;
}

export const UNIT_FILE_COLUMNS = ['code', 'name', 'shortName', 'type', 'parentCode', 'address', 'phone', 'email', 'validFrom', 'validTo'] as const;
export type UnitFileColumn = (typeof UNIT_FILE_COLUMNS)[number];

const HEADER_ALIASES: Record<string, UnitFileColumn> = {
  code: 'code',
  ma: 'code',
  'ma dinh danh': 'code',
  name: 'name',
  ten: 'name',
  'ten don vi': 'name',
  'short name': 'shortName',
  'ten viet tat': 'shortName',
  type: 'type',
  loai: 'type',
  'parent code': 'parentCode',
  'ma cap tren': 'parentCode',
  'ma don vi cap tren': 'parentCode',
  address: 'address',
  'dia chi': 'address',
  phone: 'phone',
  'dien thoai': 'phone',
  email: 'email',
  'valid from': 'validFrom',
  'hieu luc tu': 'validFrom',
  'valid to': 'validTo',
  'hieu luc den': 'validTo',
};

export const MAX_UNIT_FILE_ROWS = 20_000;

export class UnitFileError extends Error {
  constructor(readonly problems: Array<{ line: number; field?: string; message: string }>) {
    super('The unit file cannot be read');
  }
}

function headerKey(text: string): string {
  // camelCase first (parentCode → parent code), then without case and diacritics (Mã cấp trên → ma cap tren).
  return searchTextOf(text.replace(/([a-z])([A-Z])/g, '$1 $2'))
    .replace(/[_\-.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    return '';
  }
  return String(value);
}

export async function readUnitFile(content: Buffer, format: UnitFileFormat): Promise<UnitFileRow[]> {
  const workbook = new (await loadExcel()).Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (format === 'xlsx') {
      await workbook.xlsx.load(content as unknown as ArrayBuffer);
      sheet = workbook.worksheets[0];
    } else {
      const text = content.toString('utf8').replace(/^\uFEFF/, '');
      sheet = await workbook.csv.read(Readable.from([text]), { parserOptions: { delimiter: detectDelimiter(text) } });
    }
  } catch {
    throw new UnitFileError([{ line: 0, message: `not a readable ${format.toUpperCase()} file` }]);
  }
  if (!sheet || sheet.rowCount < 1) throw new UnitFileError([{ line: 0, message: 'the file is empty' }]);
  if (sheet.rowCount > MAX_UNIT_FILE_ROWS + 1) throw new UnitFileError([{ line: 0, message: `at most ${MAX_UNIT_FILE_ROWS} rows per file` }]);

  const columns = new Map<number, UnitFileColumn>();
  sheet.getRow(1).eachCell((cell, col) => {
    const column = HEADER_ALIASES[headerKey(cellText(cell.value))];
    if (column) columns.set(col, column);
  });
  const missing = (['code', 'name', 'type'] as const).filter((c) => ![...columns.values()].includes(c));
  if (missing.length > 0) throw new UnitFileError([{ line: 1, message: `missing column(s): ${missing.join(', ')}` }]);

  const rows: UnitFileRow[] = [];
  for (let line = 2; line <= sheet.rowCount; line++) {
    const values: Partial<Record<UnitFileColumn, string>> = {};
    let empty = true;
    for (const [col, column] of columns) {
      const text = cellText(sheet.getRow(line).getCell(col).value).normalize('NFC').trim();
      if (text) {
        values[column] = text;
        empty = false;
      }
    }
    if (!empty) rows.push({ line, values });
  }
  return rows;
}

function detectDelimiter(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}
