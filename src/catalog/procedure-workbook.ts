// The catalogue as an Excel workbook: one row per case (trường hợp) with Vietnamese headers, the
// procedure's own columns repeated on each of its rows. Lists sit one item per line inside a cell, their
// parts separated by " | ". Reading a workbook gives national records (procedure-national.ts), so both
// import formats go through the same mapping and the same checks.
import type ExcelJS from 'exceljs';
import { searchTextOf } from '../search/search-text.js';
import type { NationalProcedure } from './procedure-national.js';

/** exceljs is large (~1 s to load on a busy machine): loaded on first use, not at start. */
const loadExcel = async () => (await import('exceljs')).default;

const COLUMNS = [
  ['code', 'Mã TTHC'],
  ['name', 'Tên TTHC'],
  ['fieldCode', 'Mã lĩnh vực'],
  ['fieldName', 'Tên lĩnh vực'],
  ['levels', 'Cấp thực hiện'],
  ['unitCodes', 'Mã cơ quan thực hiện'],
  ['unitsText', 'Cơ quan thực hiện khác'],
  ['methods', 'Cách thức thực hiện'],
  ['onlineLevel', 'Mức độ dịch vụ công trực tuyến'],
  ['legacyLevel', 'Mức độ (cũ)'],
  ['steps', 'Trình tự thực hiện'],
  ['applicants', 'Đối tượng thực hiện'],
  ['requirements', 'Yêu cầu, điều kiện'],
  ['legalBasis', 'Căn cứ pháp lý (số | tên)'],
  ['results', 'Kết quả thực hiện (mã | tên)'],
  ['guidance', 'Hướng dẫn'],
  ['videoUrl', 'Video hướng dẫn'],
  ['caseCode', 'Mã trường hợp'],
  ['caseName', 'Tên trường hợp'],
  ['timeAmount', 'Thời hạn giải quyết'],
  ['timeUnit', 'Đơn vị thời hạn'],
  ['noAppointmentDate', 'Không có ngày hẹn trả'],
  ['cutOff', 'Giờ chốt tiếp nhận'],
  ['fees', 'Phí, lệ phí (mô tả | số tiền)'],
  ['components', 'Thành phần hồ sơ (mã | tên | bản chính | bản sao | bắt buộc | tên mẫu | địa chỉ mẫu)'],
] as const;
type Column = (typeof COLUMNS)[number][0];

const SEP = ' | ';
const YES = 'Có';
const NO = 'Không';
export const MAX_WORKBOOK_ROWS = 20_000;

export class WorkbookError extends Error {
  constructor(readonly reasons: string[]) {
    super('The workbook cannot be read');
  }
}

/** Header text → column, ignoring case, diacritics and anything in parentheses. */
const headerKey = (text: string) => searchTextOf(text.replace(/\(.*\)/, '')).replace(/[^a-z0-9]+/g, ' ').trim();
const HEADERS = new Map<string, Column>(COLUMNS.map(([column, header]) => [headerKey(header), column]));

export async function writeProcedureWorkbook(records: readonly NationalProcedure[]): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet('Thủ tục hành chính');
  sheet.columns = COLUMNS.map(([column, header]) => ({ header, key: column, width: ['name', 'steps', 'components', 'legalBasis'].includes(column) ? 60 : 18 }));
  sheet.getRow(1).font = { bold: true };
  for (const r of records) {
    const channelTimes = r.CACHTHUCTHUCHIEN[0]?.THOIGIAN ?? [];
    r.THANHPHANHOSO.forEach((c, i) => {
      const time = channelTimes[i];
      const row: Record<Column, string | number> = {
        code: r.MATTHC,
        name: r.TENTTHC,
        fieldCode: r.LINHVUCTHUCHIEN[0]?.MALINHVUC ?? '',
        fieldName: r.LINHVUCTHUCHIEN[0]?.TENLINHVUC ?? '',
        levels: r.CAPTHUCHIEN.join('; '),
        unitCodes: r.COQUANTHUCHIEN.filter((u) => u.MADONVI).map((u) => u.MADONVI).join('\n'),
        unitsText: r.COQUANTHUCHIEN.filter((u) => !u.MADONVI).map((u) => u.TENDONVI).join('\n'),
        methods: r.CACHTHUCTHUCHIEN.map((m) => m.KENH).filter(Boolean).join('; '),
        onlineLevel: r.MUCDO,
        legacyLevel: r.MUCDOCU ?? '',
        steps: r.TRINHTUTHUCHIEN.flatMap((g) => g.TRINHTU.map((s) => s.TENTRINHTU)).join('\n'),
        applicants: r.MOTADOITUONGTHUCHIEN,
        requirements: r.YEUCAU,
        legalBasis: r.CANCUPHAPLY.map((l) => `${l.SOVANBAN}${SEP}${l.TENVANBAN}`).join('\n'),
        results: r.KETQUATHUCHIEN.map((k) => (k.MAKETQUA ? `${k.MAKETQUA}${SEP}${k.TENKETQUA}` : k.TENKETQUA)).join('\n'),
        guidance: r.HUONGDAN,
        videoUrl: r.URLVIDEO,
        caseCode: c.MATRUONGHOP,
        caseName: c.TRUONGHOP,
        timeAmount: time?.THOIGIANGIAIQUYET ?? '',
        timeUnit: time?.DONVITINH ?? '',
        noAppointmentDate: c.KHONGCONGAYHENTRA ? YES : NO,
        cutOff: c.GIOCHOT ?? '',
        fees: (time?.PHILEPHI ?? []).map((f) => `${f.MOTA}${SEP}${f.SOTIEN}`).join('\n'),
        components: c.GIAYTO.map((g) => [g.MAGIAYTO, g.TENGIAYTO, g.SOBANCHINH, g.SOBANSAO, g.BATBUOC ? YES : NO, g.TENMAUDON, g.URL].join(SEP)).join('\n'),
      };
      sheet.addRow(row).alignment = { wrapText: true, vertical: 'top' };
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
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

export interface WorkbookRecord {
  /** Where the procedure starts in the sheet, e.g. "line 2". */
  readonly entry: string;
  readonly record: Record<string, unknown>;
}

const lines = (text: string | undefined) => (text ?? '').split(/\r?\n/).filter((l) => l.trim());
// Parts are separated by "|" (written " | "); cells lose their outer spaces, so parts are trimmed.
const parts = (line: string) => line.split('|').map((p) => p.trim());
const splitFirst = (line: string): [string, string] => {
  const [first, ...rest] = parts(line);
  return rest.length > 0 ? [first!, rest.join(SEP)] : ['', first!];
};
const splitLast = (line: string): [string, string] => {
  const all = parts(line);
  return all.length > 1 ? [all.slice(0, -1).join(SEP), all.at(-1)!] : [all[0]!, ''];
};

function component(line: string) {
  const all = parts(line);
  if (all.length < 7) return { MAGIAYTO: '', TENGIAYTO: line.trim(), SOBANCHINH: '', SOBANSAO: '' };
  const [code, ...rest] = all;
  const [originals, copies, mandatory, formName, url] = rest.slice(-5);
  return { MAGIAYTO: code, TENGIAYTO: rest.slice(0, -5).join(SEP), SOBANCHINH: originals, SOBANSAO: copies, BATBUOC: searchTextOf(mandatory ?? '') !== 'khong', TENMAUDON: formName, URL: url };
}

/** The workbook's rows as national records, one per procedure code (rows of one code are its cases). */
export async function readProcedureWorkbook(content: Buffer): Promise<WorkbookRecord[]> {
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookError(['not a readable Excel (.xlsx) file']);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount < 2) throw new WorkbookError(['the workbook has no rows']);
  if (sheet.rowCount > MAX_WORKBOOK_ROWS + 1) throw new WorkbookError([`at most ${MAX_WORKBOOK_ROWS} rows`]);
  const columns = new Map<number, Column>();
  sheet.getRow(1).eachCell((cell, col) => {
    const column = HEADERS.get(headerKey(cellText(cell.value)));
    if (column) columns.set(col, column);
  });
  const missing = (['code', 'name', 'caseName', 'timeAmount', 'timeUnit'] as const).filter((c) => ![...columns.values()].includes(c));
  if (missing.length > 0) throw new WorkbookError([`missing column(s): ${missing.map((m) => COLUMNS.find(([c]) => c === m)![1]).join(', ')}`]);

  const groups = new Map<string, { line: number; rows: Array<Partial<Record<Column, string>>> }>();
  for (let line = 2; line <= sheet.rowCount; line++) {
    const values: Partial<Record<Column, string>> = {};
    for (const [col, column] of columns) {
      const text = cellText(sheet.getRow(line).getCell(col).value).normalize('NFC').trim();
      if (text) values[column] = text;
    }
    if (Object.keys(values).length === 0) continue;
    const code = values.code ?? `(line ${line})`;
    const group = groups.get(code) ?? { line, rows: [] };
    group.rows.push(values);
    groups.set(code, group);
  }
  return [...groups.values()].map(({ line, rows }) => {
    const first = rows[0]!;
    const times = rows.map((r) => ({ THOIGIANGIAIQUYET: r.timeAmount ?? '', DONVITINH: r.timeUnit ?? '', MOTA: r.caseName ?? '', PHILEPHI: lines(r.fees).map((f) => splitLast(f)).map(([MOTA, SOTIEN]) => ({ MOTA, SOTIEN, DONVI: 'Đồng' })) }));
    const channels = (first.methods ?? '').split(';').map((m) => m.trim()).filter(Boolean);
    return {
      entry: `line ${line}`,
      record: {
        MATTHC: first.code ?? '',
        TENTTHC: first.name ?? '',
        LINHVUCTHUCHIEN: first.fieldCode || first.fieldName ? [{ MALINHVUC: first.fieldCode ?? '', TENLINHVUC: first.fieldName ?? '' }] : [],
        CAPTHUCHIEN: (first.levels ?? '').split(';').map((l) => l.trim()).filter(Boolean),
        TRINHTUTHUCHIEN: [{ TRUONGHOP: '', TRINHTU: first.steps ? first.steps.split(/\r?\n/).map((step) => ({ TENTRINHTU: step })) : [] }],
        CACHTHUCTHUCHIEN: (channels.length > 0 ? channels : ['']).map((KENH) => ({ KENH, THOIGIAN: times })),
        THANHPHANHOSO: rows.map((r) => ({
          TRUONGHOP: r.caseName ?? '',
          MATRUONGHOP: r.caseCode ?? '',
          GIOCHOT: r.cutOff ?? '',
          KHONGCONGAYHENTRA: searchTextOf(r.noAppointmentDate ?? '') === 'co',
          GIAYTO: lines(r.components).map(component),
        })),
        YEUCAU: first.requirements ?? '',
        MOTADOITUONGTHUCHIEN: first.applicants ?? '',
        KETQUATHUCHIEN: lines(first.results).map(splitFirst).map(([MAKETQUA, TENKETQUA]) => ({ MAKETQUA, TENKETQUA })),
        CANCUPHAPLY: lines(first.legalBasis).map(splitFirst).map(([SOVANBAN, TENVANBAN]) => ({ SOVANBAN, TENVANBAN })),
        COQUANTHUCHIEN: [...lines(first.unitCodes).map((MADONVI) => ({ MADONVI, TENDONVI: '' })), ...lines(first.unitsText).map((TENDONVI) => ({ MADONVI: '', TENDONVI }))],
        MUCDO: first.onlineLevel ?? '',
        MUCDOCU: first.legacyLevel ?? '',
        HUONGDAN: first.guidance ?? '',
        URLVIDEO: first.videoUrl ?? '',
      },
    };
  });
}
