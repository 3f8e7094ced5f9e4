// The administrative procedure (thủ tục hành chính, TTHC) as the national procedure database holds it
// (Decree 63/2010 Art. 8(2); LAW.md §4.2), versioned: a dossier keeps the version it was received under.

export const PROCEDURE_LEVELS = ['province', 'district', 'commune'] as const;
/** Cấp thực hiện: tỉnh, huyện (abolished 01/07/2025; old data only), xã. */
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];

export const ONLINE_SERVICE_LEVELS = ['full_online', 'partly_online', 'offline'] as const;
/** Decree 42/2022 Art. 11: dịch vụ công trực tuyến toàn trình / một phần; or not online at all. */
export type OnlineServiceLevel = (typeof ONLINE_SERVICE_LEVELS)[number];

export const TIME_LIMIT_UNITS = ['working_days', 'working_hours', 'calendar_days'] as const;
/** Ngày làm việc, giờ làm việc, ngày (calendar days). */
export type TimeLimitUnit = (typeof TIME_LIMIT_UNITS)[number];

export const PROCEDURE_CHANNELS = ['in_person', 'online', 'postal'] as const;
/** Cách thức thực hiện: trực tiếp, trực tuyến, qua dịch vụ bưu chính. */
export type ProcedureChannel = (typeof PROCEDURE_CHANNELS)[number];

export interface TimeLimit {
  readonly amount: number;
  readonly unit: TimeLimitUnit;
}

/** Phí, lệ phí: an amount in VND (integer). */
export interface FeeLine {
  readonly description: string;
  readonly amount: number;
}

/** Thành phần hồ sơ: a document the applicant supplies, with the number of originals and copies. */
export interface RequiredComponent {
  readonly code: string;
  readonly name: string;
  readonly originals: number;
  readonly copies: number;
  /** Mẫu đơn, tờ khai. */
  readonly formTemplate: { readonly name: string; readonly url: string } | null;
  readonly mandatory: boolean;
}

/** Trường hợp: a variant of the procedure with its own time limit, fees and components. */
export interface ProcedureCase {
  /** Short and stable, unique within the version: TH1, TH2… */
  readonly code: string;
  readonly name: string;
  readonly timeLimit: TimeLimit;
  readonly fees: readonly FeeLine[];
  readonly components: readonly RequiredComponent[];
  /** 'HH:MM' local time after which an intake counts from the next working day; null = rule-set default. */
  readonly cutOff: string | null;
  /** Không có ngày hẹn trả: resolved on the spot. */
  readonly noAppointmentDate: boolean;
}

/** Căn cứ pháp lý. */
export interface LegalBasis {
  readonly number: string;
  readonly title: string;
}

/** Kết quả thực hiện. */
export interface ProcedureResult {
  readonly code: string | null;
  readonly name: string;
}

/** What an administrator writes: every descriptive part of a version. */
export interface ProcedureDocument {
  readonly name: string;
  /** Lĩnh vực (main field). */
  readonly field: { readonly code: string; readonly name: string };
  readonly levels: readonly ProcedureLevel[];
  /** Cơ quan thực hiện: units of the `units` table… */
  readonly implementingUnitIds: readonly string[];
  /** …and free text for agencies that are not units here (e.g. "Cơ quan thuế"). */
  readonly implementingUnitsText: string | null;
  /** Trình tự thực hiện. */
  readonly steps: string;
  /** Cách thức thực hiện. */
  readonly methods: readonly ProcedureChannel[];
  /** Đối tượng thực hiện. */
  readonly targetApplicants: string;
  /** Yêu cầu, điều kiện thực hiện. */
  readonly requirements: string | null;
  readonly legalBasis: readonly LegalBasis[];
  readonly results: readonly ProcedureResult[];
  readonly onlineLevel: OnlineServiceLevel;
  /** Mức độ 1–4 of Decree 43/2011, for old data; null otherwise. */
  readonly legacyLevel: 1 | 2 | 3 | 4 | null;
  /** Hướng dẫn thực hiện. */
  readonly guidance: string | null;
  readonly videoUrl: string | null;
  readonly cases: readonly ProcedureCase[];
}

export type VersionStatus = 'draft' | 'published';

export interface ProcedureVersion extends ProcedureDocument {
  readonly id: string;
  readonly procedureId: string;
  /** Mã TTHC, e.g. 1.001193. */
  readonly code: string;
  readonly version: number;
  readonly status: VersionStatus;
  /** Published versions: in force from this date… */
  readonly effectiveFrom: string | null;
  /** …to this date inclusive (set when the next version is published); null = open. */
  readonly effectiveTo: string | null;
  /** Optimistic concurrency for drafts: send it back with an edit. */
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly publishedAt: string | null;
}

export const PROCEDURE_CODE_PATTERN = '^\\d\\.\\d{6}$';
export const CASE_CODE_PATTERN = '^[A-Z0-9][A-Z0-9_.-]{0,19}$';
export const CUT_OFF_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d$';

export function isProcedureCode(code: string): boolean {
  return new RegExp(PROCEDURE_CODE_PATTERN).test(code);
}

export interface DocumentProblem {
  readonly field: string;
  readonly message: string;
}

/** What stops a version from being published (the draft may be incomplete until then). */
export function publicationProblems(document: ProcedureDocument): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  if (!document.name.trim()) problem('name', 'the name must not be blank');
  if (!document.field.code.trim() || !document.field.name.trim()) problem('field', 'the field (lĩnh vực) needs a code and a name');
  if (document.levels.length === 0) problem('levels', 'at least one level (cấp thực hiện)');
  if (document.cases.length === 0) problem('cases', 'at least one case (trường hợp)');
  const caseCodes = new Set<string>();
  document.cases.forEach((c, i) => {
    if (caseCodes.has(c.code)) problem(`cases.${i}.code`, `case code ${c.code} is used twice`);
    caseCodes.add(c.code);
    if (!c.noAppointmentDate && !(c.timeLimit.amount > 0)) problem(`cases.${i}.timeLimit.amount`, 'the time limit must be positive (or the case has no appointment date)');
    const componentCodes = new Set<string>();
    c.components.forEach((component, j) => {
      if (componentCodes.has(component.code)) problem(`cases.${i}.components.${j}.code`, `component code ${component.code} is used twice in this case`);
      componentCodes.add(component.code);
    });
  });
  return problems;
}

/** The descriptive part of a version (what "same content" means for drafts and imports). */
export function documentOf(version: ProcedureDocument): ProcedureDocument {
  return {
    name: version.name,
    field: { code: version.field.code, name: version.field.name },
    levels: [...version.levels],
    implementingUnitIds: [...version.implementingUnitIds],
    implementingUnitsText: version.implementingUnitsText,
    steps: version.steps,
    methods: [...version.methods],
    targetApplicants: version.targetApplicants,
    requirements: version.requirements,
    legalBasis: version.legalBasis.map((l) => ({ number: l.number, title: l.title })),
    results: version.results.map((r) => ({ code: r.code, name: r.name })),
    onlineLevel: version.onlineLevel,
    legacyLevel: version.legacyLevel,
    guidance: version.guidance,
    videoUrl: version.videoUrl,
    cases: version.cases.map((c) => ({
      code: c.code,
      name: c.name,
      timeLimit: { amount: c.timeLimit.amount, unit: c.timeLimit.unit },
      fees: c.fees.map((f) => ({ description: f.description, amount: f.amount })),
      components: c.components.map((k) => ({
        code: k.code,
        name: k.name,
        originals: k.originals,
        copies: k.copies,
        formTemplate: k.formTemplate ? { name: k.formTemplate.name, url: k.formTemplate.url } : null,
        mandatory: k.mandatory,
      })),
      cutOff: c.cutOff,
      noAppointmentDate: c.noAppointmentDate,
    })),
  };
}

export function sameDocument(a: ProcedureDocument, b: ProcedureDocument): boolean {
  return JSON.stringify(documentOf(a)) === JSON.stringify(documentOf(b));
}
