// The national procedure database's record (LayThuTuc of Cổng DVCQG, LAW.md §4.2) and its honest mapping
// to and from our procedure document.
//
// Import mapping (national → ours):
//   MATTHC → code; TENTTHC → name; LINHVUCTHUCHIEN[0] → field (further fields are not kept);
//   CAPTHUCHIEN ("Cấp Tỉnh", "Cấp Huyện", "Cấp Xã"; a string, strings or {TENCAPTHUCHIEN}) → levels;
//   TRINHTUTHUCHIEN → steps, one line per TENTRINHTU, each TRUONGHOP with a name introduced by "<name>:";
//   CACHTHUCTHUCHIEN[].KENH ("Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính") → methods;
//   the time limits and fees of a case come from the in-person channel (else the first): its THOIGIAN entry
//     at the case's position when there is one entry per case, else the entry whose MOTA is the case's name,
//     else the first. THOIGIANGIAIQUYET + DONVITINH ("Ngày làm việc", "Giờ làm việc", "Ngày") → timeLimit
//     (half a working day → 4 working hours); PHILEPHI[{SOTIEN, DONVI (đồng), MOTA}] → fees in VND.
//     Time and fees that differ per channel (online is sometimes cheaper) are not kept: our case has one.
//   THANHPHANHOSO[{TRUONGHOP, GIAYTO[]}] → one case per entry (else per TRINHTUTHUCHIEN.TRUONGHOP, else one
//     case), GIAYTO[{MAGIAYTO, TENGIAYTO, SOBANCHINH, SOBANSAO, TENMAUDON, URL}] → components;
//   YEUCAU → requirements; MOTADOITUONGTHUCHIEN → targetApplicants;
//   KETQUATHUCHIEN[{MAKETQUA, TENKETQUA}] → results; CANCUPHAPLY[{SOVANBAN, TENVANBAN}] → legalBasis;
//   COQUANTHUCHIEN[{MADONVI, TENDONVI}] → implementingUnitIds where MADONVI is a unit code here, the names
//     of the others → implementingUnitsText.
// Fields the national record lacks are MotCua extensions, written by our export and read when present:
//   MUCDO ("Toàn trình" | "Một phần" | "Không"; or the old level 1–4) and MUCDOCU (old level) → onlineLevel,
//   legacyLevel (without them: partly_online if an online channel exists, else offline); HUONGDAN, URLVIDEO;
//   per THANHPHANHOSO entry MATRUONGHOP (case code, else TH1, TH2…), GIOCHOT (cut-off HH:MM),
//   KHONGCONGAYHENTRA (else: a time limit of 0); per GIAYTO BATBUOC (else mandatory).
import { searchTextOf } from '../search/search-text.js';
import type { ProcedureDocumentInput, ProcedureCaseInput } from './procedure-document.js';
import { isProcedureCode, type OnlineServiceLevel, type ProcedureChannel, type ProcedureLevel, type ProcedureVersion, type TimeLimit, type TimeLimitUnit } from './procedure.js';

type Json = Record<string, unknown>;

export type NationalProcedure = {
  MATTHC: string;
  TENTTHC: string;
  LINHVUCTHUCHIEN: Array<{ MALINHVUC: string; TENLINHVUC: string }>;
  CAPTHUCHIEN: string[];
  TRINHTUTHUCHIEN: Array<{ TRUONGHOP: string; TRINHTU: Array<{ TENTRINHTU: string }> }>;
  CACHTHUCTHUCHIEN: Array<{ KENH: string; THOIGIAN: Array<{ THOIGIANGIAIQUYET: number; DONVITINH: string; MOTA: string; PHILEPHI: Array<{ SOTIEN: string; DONVI: string; MOTA: string }> }> }>;
  THANHPHANHOSO: Array<{
    TRUONGHOP: string;
    MATRUONGHOP: string;
    GIOCHOT: string | null;
    KHONGCONGAYHENTRA: boolean;
    GIAYTO: Array<{ MAGIAYTO: string; TENGIAYTO: string; SOBANCHINH: number; SOBANSAO: number; TENMAUDON: string; URL: string; BATBUOC: boolean }>;
  }>;
  YEUCAU: string;
  MOTADOITUONGTHUCHIEN: string;
  KETQUATHUCHIEN: Array<{ MAKETQUA: string; TENKETQUA: string }>;
  CANCUPHAPLY: Array<{ SOVANBAN: string; TENVANBAN: string }>;
  COQUANTHUCHIEN: Array<{ MADONVI: string; TENDONVI: string }>;
  MUCDO: string;
  MUCDOCU: number | null;
  HUONGDAN: string;
  URLVIDEO: string;
};

export const LEVEL_LABELS: Record<ProcedureLevel, string> = { province: 'Cấp Tỉnh', district: 'Cấp Huyện', commune: 'Cấp Xã' };
export const CHANNEL_LABELS: Record<ProcedureChannel, string> = { in_person: 'Trực tiếp', online: 'Trực tuyến', postal: 'Dịch vụ bưu chính' };
export const UNIT_LABELS: Record<TimeLimitUnit, string> = { working_days: 'Ngày làm việc', working_hours: 'Giờ làm việc', calendar_days: 'Ngày' };
export const ONLINE_LABELS: Record<OnlineServiceLevel, string> = { full_online: 'Toàn trình', partly_online: 'Một phần', offline: 'Không' };

const key = (value: string) => searchTextOf(value).replace(/\s+/g, ' ').trim();
const str = (value: unknown): string => (typeof value === 'string' ? value.normalize('NFC').trim() : typeof value === 'number' ? String(value) : '');
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)) : []);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(str).filter(Boolean) : str(value) ? str(value).split(/[;,]/).map((s) => s.trim()).filter(Boolean) : []);

export function levelOf(label: string): ProcedureLevel | undefined {
  const k = key(label);
  if (/\btinh\b/.test(k)) return 'province';
  if (/\bhuyen\b/.test(k)) return 'district';
  if (/\bxa\b/.test(k)) return 'commune';
  return undefined;
}

export function channelOf(label: string): ProcedureChannel | undefined {
  const k = key(label);
  if (k.includes('truc tiep')) return 'in_person';
  if (k.includes('truc tuyen')) return 'online';
  if (k.includes('buu chinh')) return 'postal';
  return undefined;
}

export function onlineLevelOf(label: string): OnlineServiceLevel | undefined {
  const k = key(label);
  if (k.includes('toan trinh')) return 'full_online';
  if (k.includes('mot phan')) return 'partly_online';
  if (k === 'khong' || k === 'offline' || k.includes('khong truc tuyen')) return 'offline';
  return undefined;
}

/** A time limit from an amount and a unit label; a fraction of a working day becomes working hours. */
export function timeLimitOf(amountValue: unknown, unitLabel: string): TimeLimit | string {
  const amount = typeof amountValue === 'number' ? amountValue : Number(str(amountValue).replace(',', '.'));
  if (!Number.isFinite(amount) || amount < 0 || amount > 1000) return `THOIGIANGIAIQUYET "${str(amountValue)}" is not a number of days or hours`;
  const k = key(unitLabel);
  const unit: TimeLimitUnit | undefined = k.startsWith('gio') ? 'working_hours' : k.includes('lam viec') ? 'working_days' : k === 'ngay' || k === 'ngay le' || k.includes('ngay theo lich') ? 'calendar_days' : undefined;
  if (!unit) return `DONVITINH "${unitLabel}" is not supported (Ngày làm việc, Giờ làm việc, Ngày)`;
  if (unit === 'working_days' && !Number.isInteger(amount)) return { amount: Math.round(amount * 8 * 100) / 100, unit: 'working_hours' };
  if (unit === 'calendar_days' && !Number.isInteger(amount)) return `${amount} calendar days: only whole days`;
  return { amount, unit };
}

/** VND from "50.000", "50,000", "50000" or a number; undefined when it is not an amount. */
export function vndOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const text = str(value).replace(/\s/g, '').replace(/(đồng|đ|vnđ|vnd)$/i, '');
  if (/^\d+$/.test(text)) return Number(text);
  if (/^\d{1,3}([.,]\d{3})+$/.test(text)) return Number(text.replace(/[.,]/g, ''));
  return undefined;
}

export interface MappedProcedure {
  readonly code: string;
  readonly document: ProcedureDocumentInput;
}

/** Maps one national record; returns the reasons when it cannot be taken as it is. */
export function fromNational(record: unknown, unitIdsByCode: ReadonlyMap<string, string>): MappedProcedure | { code: string | null; reasons: string[] } {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return { code: null, reasons: ['not an object'] };
  const r = record as Json;
  const reasons: string[] = [];
  const code = str(r.MATTHC);
  if (!isProcedureCode(code)) reasons.push(`MATTHC "${code}" is not a procedure code such as 1.001193`);
  const name = str(r.TENTTHC);
  if (!name) reasons.push('TENTTHC (name) is missing');
  const field = list(r.LINHVUCTHUCHIEN)[0];
  if (!field || !str(field.MALINHVUC) || !str(field.TENLINHVUC)) reasons.push('LINHVUCTHUCHIEN needs a field with MALINHVUC and TENLINHVUC');

  const levels: ProcedureLevel[] = [];
  const levelLabels = Array.isArray(r.CAPTHUCHIEN) ? r.CAPTHUCHIEN.map((v) => (typeof v === 'object' && v !== null ? str((v as Json).TENCAPTHUCHIEN) || str((v as Json).MACAPTHUCHIEN) : str(v))) : strings(r.CAPTHUCHIEN);
  for (const label of levelLabels.filter(Boolean)) {
    const level = levelOf(label);
    if (level) levels.push(level);
    else reasons.push(`CAPTHUCHIEN "${label}" is not a level we handle (Cấp Tỉnh, Cấp Huyện, Cấp Xã)`);
  }

  const channels = list(r.CACHTHUCTHUCHIEN);
  const methods: ProcedureChannel[] = [];
  for (const channel of channels) {
    const label = str(channel.KENH);
    const method = label ? channelOf(label) : undefined;
    if (method) methods.push(method);
    else if (label) reasons.push(`KENH "${label}" is not a channel we know (Trực tiếp, Trực tuyến, Dịch vụ bưu chính)`);
  }
  const timeChannel = channels.find((c) => channelOf(str(c.KENH)) === 'in_person') ?? channels[0];
  const times = list(timeChannel?.THOIGIAN);

  const stepGroups = list(r.TRINHTUTHUCHIEN);
  const steps = stepGroups
    .flatMap((group) => {
      const lines = list(group.TRINHTU).map((s) => str(s.TENTRINHTU));
      return stepGroups.length > 1 && str(group.TRUONGHOP) ? [`${str(group.TRUONGHOP)}:`, ...lines] : lines;
    })
    .join('\n');

  const caseEntries = list(r.THANHPHANHOSO);
  const caseNames = caseEntries.length > 0 ? caseEntries.map((c) => str(c.TRUONGHOP)) : stepGroups.map((g) => str(g.TRUONGHOP)).filter(Boolean);
  const names = caseNames.length > 0 ? caseNames : [''];
  const cases: ProcedureCaseInput[] = names.map((caseName, i) => {
    const entry: Json = caseEntries[i] ?? {};
    const label = caseName || name || `Trường hợp ${i + 1}`;
    const time = times.length === names.length ? times[i] : (times.find((t) => key(str(t.MOTA)) === key(label)) ?? times[0]);
    let timeLimit: TimeLimit = { amount: 0, unit: 'working_days' };
    if (!time) reasons.push(`case "${label}": no time limit (CACHTHUCTHUCHIEN[].THOIGIAN)`);
    else {
      const parsed = timeLimitOf(time.THOIGIANGIAIQUYET, str(time.DONVITINH));
      if (typeof parsed === 'string') reasons.push(`case "${label}": ${parsed}`);
      else timeLimit = parsed;
    }
    const fees = list(time?.PHILEPHI).map((fee) => {
      const amount = vndOf(fee.SOTIEN);
      const currency = key(str(fee.DONVI));
      if (currency && !['dong', 'd', 'vnd', 'vnd/ban', 'dong/ban'].includes(currency) && !currency.startsWith('dong')) reasons.push(`case "${label}": fee unit "${str(fee.DONVI)}" is not VND`);
      if (amount === undefined) reasons.push(`case "${label}": fee amount "${str(fee.SOTIEN)}" is not a whole number of đồng`);
      return { description: str(fee.MOTA) || 'Phí, lệ phí', amount: amount ?? 0 };
    });
    const cutOff = str(entry.GIOCHOT) || null;
    if (cutOff && !/^([01]\d|2[0-3]):[0-5]\d$/.test(cutOff)) reasons.push(`case "${label}": GIOCHOT "${cutOff}" is not HH:MM`);
    const components = list(entry.GIAYTO).map((doc, j) => {
      const docName = str(doc.TENGIAYTO);
      if (!docName) reasons.push(`case "${label}": GIAYTO ${j + 1} has no TENGIAYTO`);
      const count = (value: unknown, fallback: number) => (str(value) === '' ? fallback : Number(str(value)));
      const originals = count(doc.SOBANCHINH, 1);
      const copies = count(doc.SOBANSAO, 0);
      if (![originals, copies].every((n) => Number.isInteger(n) && n >= 0 && n <= 100)) reasons.push(`case "${label}": GIAYTO "${docName}" has invalid SOBANCHINH/SOBANSAO`);
      const url = str(doc.URL);
      return {
        ...(str(doc.MAGIAYTO) ? { code: str(doc.MAGIAYTO) } : {}),
        name: docName,
        originals,
        copies,
        formTemplate: url ? { name: str(doc.TENMAUDON) || docName, url } : null,
        mandatory: doc.BATBUOC === undefined ? true : doc.BATBUOC === true || key(str(doc.BATBUOC)) === 'co' || str(doc.BATBUOC) === '1',
      };
    });
    const flag = entry.KHONGCONGAYHENTRA;
    return {
      ...(str(entry.MATRUONGHOP) ? { code: str(entry.MATRUONGHOP) } : {}),
      name: label,
      timeLimit,
      fees,
      components,
      cutOff,
      noAppointmentDate: flag === undefined || flag === null ? timeLimit.amount === 0 : flag === true || str(flag) === '1',
    };
  });

  const unitIds: string[] = [];
  const otherUnits: string[] = [];
  for (const unit of list(r.COQUANTHUCHIEN)) {
    const id = unitIdsByCode.get(str(unit.MADONVI).toUpperCase());
    if (id) unitIds.push(id);
    else if (str(unit.TENDONVI) || str(unit.MADONVI)) otherUnits.push(str(unit.TENDONVI) || str(unit.MADONVI));
  }

  const mucDo = str(r.MUCDO);
  const legacyFromMucDo = /^[1-4]$/.test(mucDo) ? (Number(mucDo) as 1 | 2 | 3 | 4) : null;
  const legacyLevel = /^[1-4]$/.test(str(r.MUCDOCU)) ? (Number(str(r.MUCDOCU)) as 1 | 2 | 3 | 4) : legacyFromMucDo;
  let onlineLevel = mucDo && !legacyFromMucDo ? onlineLevelOf(mucDo) : undefined;
  if (mucDo && !legacyFromMucDo && !onlineLevel) reasons.push(`MUCDO "${mucDo}" is not Toàn trình, Một phần or Không`);
  onlineLevel ??= legacyFromMucDo === 4 ? 'full_online' : legacyFromMucDo === 3 || methods.includes('online') ? 'partly_online' : 'offline';
  const videoUrl = str(r.URLVIDEO);
  if (videoUrl && !/^https?:\/\//.test(videoUrl)) reasons.push(`URLVIDEO "${videoUrl}" is not a web address`);

  if (reasons.length > 0) return { code: code || null, reasons };
  return {
    code,
    document: {
      name,
      field: { code: str(field!.MALINHVUC), name: str(field!.TENLINHVUC) },
      levels,
      implementingUnitIds: unitIds,
      implementingUnitsText: otherUnits.join('; ') || null,
      steps,
      methods,
      targetApplicants: str(r.MOTADOITUONGTHUCHIEN),
      requirements: str(r.YEUCAU) || null,
      legalBasis: list(r.CANCUPHAPLY).filter((l) => str(l.SOVANBAN) || str(l.TENVANBAN)).map((l) => ({ number: str(l.SOVANBAN), title: str(l.TENVANBAN) })),
      results: list(r.KETQUATHUCHIEN).filter((k) => str(k.TENKETQUA)).map((k) => ({ code: str(k.MAKETQUA) || null, name: str(k.TENKETQUA) })),
      onlineLevel,
      legacyLevel,
      guidance: str(r.HUONGDAN) || null,
      videoUrl: videoUrl || null,
      cases,
    },
  };
}

/** A version as a national record (with our extensions), so that importing it gives the same document. */
export function toNational(version: ProcedureVersion, units: ReadonlyMap<string, { code: string; name: string }>): NationalProcedure {
  const times = version.cases.map((c) => ({
    THOIGIANGIAIQUYET: c.timeLimit.amount,
    DONVITINH: UNIT_LABELS[c.timeLimit.unit],
    MOTA: c.name,
    PHILEPHI: c.fees.map((f) => ({ SOTIEN: String(f.amount), DONVI: 'Đồng', MOTA: f.description })),
  }));
  return {
    MATTHC: version.code,
    TENTTHC: version.name,
    LINHVUCTHUCHIEN: [{ MALINHVUC: version.field.code, TENLINHVUC: version.field.name }],
    CAPTHUCHIEN: version.levels.map((l) => LEVEL_LABELS[l]),
    TRINHTUTHUCHIEN: [{ TRUONGHOP: '', TRINHTU: version.steps ? version.steps.split('\n').map((line) => ({ TENTRINHTU: line })) : [] }],
    CACHTHUCTHUCHIEN: (version.methods.length > 0 ? version.methods.map((m) => CHANNEL_LABELS[m]) : ['']).map((KENH) => ({ KENH, THOIGIAN: times })),
    THANHPHANHOSO: version.cases.map((c) => ({
      TRUONGHOP: c.name,
      MATRUONGHOP: c.code,
      GIOCHOT: c.cutOff,
      KHONGCONGAYHENTRA: c.noAppointmentDate,
      GIAYTO: c.components.map((k) => ({ MAGIAYTO: k.code, TENGIAYTO: k.name, SOBANCHINH: k.originals, SOBANSAO: k.copies, TENMAUDON: k.formTemplate?.name ?? '', URL: k.formTemplate?.url ?? '', BATBUOC: k.mandatory })),
    })),
    YEUCAU: version.requirements ?? '',
    MOTADOITUONGTHUCHIEN: version.targetApplicants,
    KETQUATHUCHIEN: version.results.map((k) => ({ MAKETQUA: k.code ?? '', TENKETQUA: k.name })),
    CANCUPHAPLY: version.legalBasis.map((l) => ({ SOVANBAN: l.number, TENVANBAN: l.title })),
    COQUANTHUCHIEN: [
      ...version.implementingUnitIds.map((id) => ({ MADONVI: units.get(id)?.code ?? '', TENDONVI: units.get(id)?.name ?? id })),
      ...(version.implementingUnitsText ? [{ MADONVI: '', TENDONVI: version.implementingUnitsText }] : []),
    ],
    MUCDO: ONLINE_LABELS[version.onlineLevel],
    MUCDOCU: version.legacyLevel,
    HUONGDAN: version.guidance ?? '',
    URLVIDEO: version.videoUrl ?? '',
  };
}
