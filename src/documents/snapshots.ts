// From a dossier's state and the event that issues a form to the form's data snapshot. Pure: names, numbers
// and the lookup address are looked up by the caller and passed in.
import type { DossierEvent } from '../dossiers/dossier-events.js';
import type { DossierState } from '../dossiers/dossier.js';
import { CURRENT_LAYOUT, type ApologyData, type ControlSheetData, type FormCode, type FormData, type FormHeader, type Person, type RegisterData } from './forms/form-types.js';

export interface SnapshotContext {
  readonly header: FormHeader;
  readonly lookupUrl: string | null;
  /** The officer or leader who acted (and signs). */
  readonly actorName: string;
  readonly unitNames: ReadonlyMap<string, string>;
  readonly fees: ReadonlyArray<{ readonly description: string; readonly amount: number }>;
  readonly registerSerial: number;
}

/** Which form an event issues (the receipt at receipt, the apology when it is issued…), if any. */
export function formIssuedBy(event: DossierEvent): FormCode | null {
  switch (event.type) {
    case 'received':
      return '01';
    case 'supplement_requested':
    case 'returned_for_completion':
      return '02';
    case 'refused_at_receipt':
      return '03';
    case 'apology_issued':
      return '04';
    case 'stopped':
      return '05';
    default:
      return null;
  }
}

/** Number series printed after "Số: n/" per form (01 uses the register's serial). */
export const NUMBER_SERIES: Record<FormCode, string> = { '01': 'TNHS', '02': 'PBS', '03': 'PTC', '04': 'PXL', '05': 'TB-DGQ', '06': 'PKS', '07': 'STD' };

function person(state: DossierState): Person {
  const a = state.applicant;
  return { name: a.name, idNumber: a.idNumber, address: a.address ?? null, phone: a.phone ?? null, email: a.email ?? null };
}

function timeLimitText(state: DossierState): string {
  const { amount, unit } = state.procedure.timeLimit;
  return `${amount} ${unit === 'working_days' ? 'ngày làm việc' : unit === 'working_hours' ? 'giờ làm việc' : 'ngày'}`;
}

const DELIVERY = { counter: 'Bộ phận Một cửa (nhận trực tiếp)', post: 'Địa chỉ đăng ký (qua dịch vụ bưu chính công ích)', electronic: 'Tài khoản dịch vụ công (bản điện tử)' } as const;

export function snapshotFor(form: FormCode, state: DossierState, event: DossierEvent, ctx: SnapshotContext): FormData {
  const base = { layout: CURRENT_LAYOUT, header: ctx.header, dossierCode: state.code, lookupUrl: ctx.lookupUrl };
  const applicant = person(state);
  switch (form) {
    case '01': {
      const received = event.type === 'received' ? event : null;
      const rep = state.applicant.representative;
      return {
        ...base,
        form,
        applicant,
        representative: rep ? { name: rep.name, idNumber: rep.idNumber, address: null, phone: rep.phone, email: null, authorisation: rep.authorisation } : null,
        procedureName: state.procedure.name,
        subject: state.subject,
        components: (received?.components ?? state.components).map((c) => ({ name: c.name, originals: c.originals, copies: c.copies })),
        sets: 1,
        timeLimit: timeLimitText(state),
        receivedAt: received?.receivedAt ?? state.receivedAt ?? event.at,
        dueAt: received?.dueAt ?? null,
        resultPlace: DELIVERY[state.resultDelivery],
        fees: ctx.fees,
        register: { book: ctx.header.issuedAt.slice(0, 4), serial: ctx.registerSerial },
        receiver: { title: 'Người tiếp nhận hồ sơ', name: ctx.actorName },
      };
    }
    case '02': {
      const e = event.type === 'supplement_requested' || event.type === 'returned_for_completion' ? event : { reason: '', items: [] as string[] };
      return { ...base, form, applicant, procedureName: state.procedure.name, subject: state.subject, items: [...e.items], reason: e.reason, contact: { name: ctx.actorName, phone: null }, officer: { title: 'Người hướng dẫn', name: ctx.actorName } };
    }
    case '03': {
      const e = event.type === 'refused_at_receipt' ? event : { reason: '', items: [] as string[] };
      return { ...base, form, applicant, procedureName: state.procedure.name, subject: state.subject, reason: e.reason, items: [...e.items], officer: { title: 'Người tiếp nhận hồ sơ', name: ctx.actorName } };
    }
    case '04': {
      const e = event.type === 'apology_issued' ? event : { reason: '', newDueAt: state.dueAt ?? event.at };
      const data: ApologyData = { ...base, form, applicant, procedureName: state.procedure.name, receivedAt: state.receivedAt ?? event.at, originalDueAt: state.legalDueAt ?? state.dueAt ?? e.newDueAt, newDueAt: e.newDueAt, reason: e.reason, head: { title: 'Thủ trưởng cơ quan', name: ctx.actorName } };
      return data;
    }
    case '05': {
      const reason = event.type === 'stopped' ? event.reason : (state.closedReason ?? '');
      return { ...base, form, applicant, procedureName: state.procedure.name, receivedAt: state.receivedAt, reason, head: { title: 'Thủ trưởng cơ quan', name: ctx.actorName } };
    }
    case '06':
      return controlSheetSnapshot(state, ctx);
    case '07':
      throw new Error('the register is built by registerSnapshot');
  }
}

export function controlSheetSnapshot(state: DossierState, ctx: SnapshotContext): ControlSheetData {
  const name = (id: string | null) => (id ? (ctx.unitNames.get(id) ?? '') : 'Người nộp hồ sơ');
  const tasks = state.tasks.filter((t) => t.status !== 'cancelled');
  const lead = tasks.find((t) => t.kind === 'decide') ?? tasks.find((t) => t.kind === 'process');
  const others = [...new Set(tasks.filter((t) => t.kind !== 'intake' && t.kind !== 'return' && t.unitId !== lead?.unitId && t.unitId !== state.receivingUnitId).map((t) => name(t.unitId)))];
  return {
    layout: CURRENT_LAYOUT,
    header: ctx.header,
    dossierCode: state.code,
    lookupUrl: ctx.lookupUrl,
    form: '06',
    resolvingUnit: name(lead?.unitId ?? state.receivingUnitId),
    cooperatingUnits: others,
    procedureName: state.procedure.name,
    applicantName: state.applicant.name,
    receivedAt: state.receivedAt,
    dueAt: state.dueAt,
    rows: tasks.map((t) => ({ step: t.stepName.vi, from: name(t.fromUnitId), to: name(t.unitId), handedOverAt: t.startedAt, dueAt: t.dueAt, finishedAt: t.finishedAt, result: t.timeliness, note: t.note })),
  };
}

const STATUS_SHORT: Partial<Record<DossierState['status'], string>> = { returned: 'Đã trả', resolved: 'Chờ trả', cancelled: 'Đã hủy', withdrawn: 'Rút hồ sơ', stopped: 'Dừng xử lý', refused_at_receipt: 'Từ chối' };

export function registerSnapshot(header: FormHeader, year: number, dossiers: readonly DossierState[], unitNames: ReadonlyMap<string, string>): RegisterData {
  const delivery = { counter: 'Trực tiếp', post: 'Bưu chính', electronic: 'Trực tuyến' } as const;
  return {
    layout: CURRENT_LAYOUT,
    header,
    dossierCode: null,
    lookupUrl: null,
    form: '07',
    year,
    rows: dossiers.map((d, i) => {
      const lead = d.tasks.find((t) => t.kind === 'decide') ?? d.tasks.find((t) => t.kind === 'process');
      return {
        serial: i + 1,
        code: d.code ?? '',
        procedureName: d.procedure.name,
        applicantName: d.applicant.name,
        addressOrPhone: [d.applicant.address, d.applicant.phone].filter(Boolean).join('; '),
        leadUnit: unitNames.get(lead?.unitId ?? d.receivingUnitId) ?? '',
        receivedAt: d.receivedAt ?? d.createdAt,
        dueAt: d.dueAt,
        returnedAt: d.returnedAt,
        delivery: delivery[d.returnMethod ?? d.resultDelivery],
        status: STATUS_SHORT[d.status] ?? 'Đang giải quyết',
      };
    }),
  };
}
