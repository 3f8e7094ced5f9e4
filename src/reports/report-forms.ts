// The official report layouts as data: form II.06a/VPCP/KSTT (columns 1–13, LAW.md §1.8) and the
// Decision 766 progress table provinces publish. One description feeds the JSON answer, the Excel
// workbook and the CSV, so the three cannot disagree.
import type { ReportFigures } from './report-figures.js';
import type { DrillFigure, DrillItem } from './report-drilldown.service.js';
import type { Report } from './reports.service.js';

export interface FormColumn {
  /** The column number printed under the headers: (3), (4)… */
  readonly number: number;
  readonly key: string;
  /** Header cells from the top: a group title (merged over its columns) then the column's own title. */
  readonly headers: ReadonlyArray<{ readonly vi: string; readonly en: string }>;
  readonly value: (f: ReportFigures) => number;
  /** The figure whose dossiers make up the cell (drill-down); null for a rate. */
  readonly figure?: DrillFigure | null;
}

export interface FormLayout {
  readonly id: 'ii06a' | 'progress766';
  /** The form's number as printed in its top-right corner. */
  readonly formNumber: string;
  readonly title: { readonly vi: string; readonly en: string };
  readonly columns: readonly FormColumn[];
}

const RECEIVED = { vi: 'Số hồ sơ nhận giải quyết', en: 'Dossiers to resolve' };
const RESOLVED = { vi: 'Số hồ sơ đã giải quyết', en: 'Resolved' };
const IN_PROGRESS = { vi: 'Số hồ sơ đang giải quyết', en: 'In progress' };
const TOTAL = { vi: 'Tổng số', en: 'Total' };

export const FORM_II06A: FormLayout = {
  id: 'ii06a',
  formNumber: 'Biểu số II.06a/VPCP/KSTT',
  title: { vi: 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH', en: 'PROCESSING OF ADMINISTRATIVE PROCEDURES: STATUS AND RESULTS' },
  columns: [
    { number: 3, key: 'received', headers: [RECEIVED, TOTAL], value: (f) => f.received },
    { number: 4, key: 'receivedOnline', headers: [RECEIVED, { vi: 'Số mới tiếp nhận trực tuyến', en: 'New, online' }], value: (f) => f.receivedOnline },
    { number: 5, key: 'receivedInPersonOrPostal', headers: [RECEIVED, { vi: 'Số mới tiếp nhận trực tiếp hoặc qua dịch vụ bưu chính', en: 'New, in person or by post' }], value: (f) => f.receivedInPersonOrPostal },
    { number: 6, key: 'carriedOver', headers: [RECEIVED, { vi: 'Số kỳ trước chuyển qua', en: 'Carried over' }], value: (f) => f.carriedOver },
    { number: 7, key: 'resolved', headers: [RESOLVED, TOTAL], value: (f) => f.resolved },
    { number: 8, key: 'resolvedEarly', headers: [RESOLVED, { vi: 'Trả trước hạn', en: 'Early' }], value: (f) => f.resolvedEarly },
    { number: 9, key: 'resolvedOnTime', headers: [RESOLVED, { vi: 'Trả đúng hạn', en: 'On time' }], value: (f) => f.resolvedOnTime },
    { number: 10, key: 'resolvedLate', headers: [RESOLVED, { vi: 'Trả quá hạn', en: 'Late' }], value: (f) => f.resolvedLate },
    { number: 11, key: 'inProgress', headers: [IN_PROGRESS, TOTAL], value: (f) => f.inProgress },
    { number: 12, key: 'inProgressWithinTime', headers: [IN_PROGRESS, { vi: 'Chưa đến hạn', en: 'Within the deadline' }], value: (f) => f.inProgressWithinTime },
    { number: 13, key: 'inProgressOverdue', headers: [IN_PROGRESS, { vi: 'Quá hạn', en: 'Overdue' }], value: (f) => f.inProgressOverdue },
  ],
};

const PROCESSED = { vi: 'Đã xử lý (đã xử lý xong, đã trả kết quả, rút hồ sơ)', en: 'Processed (resolved, returned, withdrawn)' };
const PAUSED = { vi: 'Tạm dừng', en: 'Paused' };

export const PROGRESS_766: FormLayout = {
  id: 'progress766',
  formNumber: 'Tiến độ giải quyết (Quyết định 766/QĐ-TTg)',
  title: { vi: 'THỐNG KÊ TIẾN ĐỘ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH', en: 'PROGRESS OF DOSSIER PROCESSING' },
  columns: [
    { number: 3, key: 'received', headers: [{ vi: 'Tiếp nhận', en: 'Received' }, TOTAL], value: (f) => f.received },
    { number: 4, key: 'carriedOver', headers: [{ vi: 'Tiếp nhận', en: 'Received' }, { vi: 'Kỳ trước chuyển qua', en: 'Carried over' }], value: (f) => f.carriedOver },
    { number: 5, key: 'receivedOnline', headers: [{ vi: 'Tiếp nhận', en: 'Received' }, { vi: 'Trực tuyến', en: 'Online' }], value: (f) => f.receivedOnline },
    { number: 6, key: 'receivedInPerson', headers: [{ vi: 'Tiếp nhận', en: 'Received' }, { vi: 'Trực tiếp', en: 'In person' }], value: (f) => f.receivedInPerson },
    { number: 7, key: 'receivedPostal', headers: [{ vi: 'Tiếp nhận', en: 'Received' }, { vi: 'Bưu chính công ích', en: 'By post' }], value: (f) => f.receivedPostal },
    { number: 8, key: 'processed', headers: [PROCESSED, TOTAL], value: (f) => f.processed },
    { number: 9, key: 'processedEarly', headers: [PROCESSED, { vi: 'Trước hạn', en: 'Early' }], value: (f) => f.resolvedEarly, figure: 'resolvedEarly' },
    { number: 10, key: 'processedOnTime', headers: [PROCESSED, { vi: 'Đúng hạn', en: 'On time' }], value: (f) => f.processedOnTime },
    { number: 11, key: 'processedLate', headers: [PROCESSED, { vi: 'Quá hạn', en: 'Late' }], value: (f) => f.resolvedLate, figure: 'resolvedLate' },
    { number: 12, key: 'inProgress', headers: [{ vi: 'Đang xử lý', en: 'In progress' }, TOTAL], value: (f) => f.inProgress },
    { number: 13, key: 'inProgressWithinTime', headers: [{ vi: 'Đang xử lý', en: 'In progress' }, { vi: 'Trong hạn', en: 'Within the deadline' }], value: (f) => f.inProgressWithinTime },
    { number: 14, key: 'inProgressOverdue', headers: [{ vi: 'Đang xử lý', en: 'In progress' }, { vi: 'Quá hạn', en: 'Overdue' }], value: (f) => f.inProgressOverdue },
    { number: 15, key: 'pausedSupplement', headers: [PAUSED, { vi: 'Chờ bổ sung (trong số đang xử lý)', en: 'Awaiting a supplement (of those in progress)' }], value: (f) => f.pausedSupplement },
    { number: 16, key: 'pausedPayment', headers: [PAUSED, { vi: 'Chờ nghĩa vụ tài chính (trong số đang xử lý)', en: 'Awaiting payment (of those in progress)' }], value: (f) => f.pausedPayment },
    { number: 17, key: 'stopped', headers: [PAUSED, { vi: 'Dừng xử lý trong kỳ', en: 'Stopped in the period' }], value: (f) => f.stopped },
    { number: 18, key: 'onTimeRate', headers: [{ vi: 'Tỷ lệ đúng hạn (%)', en: 'On-time rate (%)' }, { vi: 'Chỉ số 2.1', en: 'Indicator 2.1' }], value: (f) => f.indicator21 ?? 0, figure: null },
  ],
};

export const FORMS = { ii06a: FORM_II06A, progress766: PROGRESS_766 } as const;
export type FormId = keyof typeof FORMS;

export interface FormTable {
  readonly form: FormId;
  readonly formNumber: string;
  readonly title: string;
  readonly unitName: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly groupBy: string;
  readonly columns: Array<{ number: number; key: string; headers: string[]; figure: string | null }>;
  /** Row 1 (TT) and 2 (the group's name), then the values of the columns in order. */
  readonly rows: Array<{ number: number; key: string; name: string; values: number[] }>;
  readonly total: { name: string; values: number[] };
}

/** A report laid out as a form: numbered rows, the columns' values in order, the totals row. */
export function formTable(layout: FormLayout, report: Report, language: 'vi' | 'en'): FormTable {
  const values = (f: ReportFigures) => layout.columns.map((c) => c.value(f));
  return {
    form: layout.id,
    formNumber: layout.formNumber,
    title: layout.title[language],
    unitName: report.unit.name,
    period: report.period,
    groupBy: report.groupBy,
    columns: layout.columns.map((c) => ({ number: c.number, key: c.key, headers: c.headers.map((h) => h[language]), figure: c.figure === undefined ? c.key : c.figure })),
    rows: report.rows.map((row, i) => ({ number: i + 1, key: row.key, name: row.label[language], values: values(row.figures) })),
    total: { name: language === 'vi' ? 'Tổng cộng' : 'Total', values: values(report.total) },
  };
}

/** dd/mm/yyyy, as Vietnamese documents write dates. */
export function vietnameseDate(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read the diacritics). */
function csv(lines: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? String(v) : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\uFEFF${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function formCsv(table: FormTable): string {
  const header = ['TT', 'Tên', ...table.columns.map((c) => `(${c.number}) ${c.headers.join(' - ')}`)];
  return csv([header, ...table.rows.map((r) => [r.number, r.name, ...r.values]), ['', table.total.name, ...table.total.values]]);
}

/** The dossiers behind a number, one per line. */
export function drillCsv(items: ReadonlyArray<DrillItem>): string {
  const header = ['Mã hồ sơ', 'Thủ tục', 'Lĩnh vực', 'Người nộp', 'Kênh', 'Tiếp nhận', 'Hẹn trả (theo luật)', 'Hoàn thành', 'Trạng thái', 'Đánh giá'];
  return csv([header, ...items.map((d) => [d.code, `${d.procedureCode} ${d.procedureName}`, d.fieldName, d.applicantName, d.channel, d.receivedAt, d.legalDueAt, d.resolvedAt, d.statusLabel.vi, d.timeliness])]);
}
