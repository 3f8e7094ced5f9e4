// The data of each one-stop form (Circular 03/2025 Phụ lục I, fields per LAW.md §1.4.2), as a snapshot taken
// when the form is issued. A snapshot names its layout version: rendering the same snapshot with the same
// layout gives the same bytes, so an issued form re-renders identically years later; a new layout is a new
// version beside the old one, never an edit of it.

export type FormCode = '01' | '02' | '03' | '04' | '05' | '06' | '07';
export const FORM_CODES: readonly FormCode[] = ['01', '02', '03', '04', '05', '06', '07'];

export const FORM_TITLES: Record<FormCode, { vi: string; en: string }> = {
  '01': { vi: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', en: 'Receipt and appointment' },
  '02': { vi: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', en: 'Supplement request' },
  '03': { vi: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', en: 'Refusal' },
  '04': { vi: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả', en: 'Apology and new appointment' },
  '05': { vi: 'Thông báo dừng giải quyết hồ sơ', en: 'Stop notice' },
  '06': { vi: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', en: 'Processing control sheet' },
  '07': { vi: 'Sổ theo dõi hồ sơ', en: 'Dossier register' },
};

/** The layouts this build can render, per form; snapshots name one of them. */
export const CURRENT_LAYOUT = 1;
export const SUPPORTED_LAYOUTS: readonly number[] = [1];

export interface FormHeader {
  /** The governing body over the issuing unit (cơ quan chủ quản), e.g. "UBND TỈNH AN GIANG"; null for a root unit. */
  readonly authority: string | null;
  readonly unitName: string;
  /** "Số: 15/TTPVHCC" as printed. */
  readonly number: string;
  /** Place name of the date line ("An Giang, ngày …"). */
  readonly place: string;
  /** The instant of issue (UTC ISO); printed as the legal date in Vietnam. */
  readonly issuedAt: string;
}

export interface Person {
  readonly name: string;
  readonly idNumber: string | null;
  readonly address: string | null;
  readonly phone: string | null;
  readonly email: string | null;
}

export interface SignatureBlock {
  /** "CÁN BỘ TIẾP NHẬN", "THỦ TRƯỞNG CƠ QUAN"… */
  readonly title: string;
  readonly name: string;
}

interface FormBase {
  readonly layout: number;
  readonly header: FormHeader;
  readonly dossierCode: string | null;
  /** The public lookup page of the dossier (printed as a QR code); null when it has no code. */
  readonly lookupUrl: string | null;
}

export interface ReceiptData extends FormBase {
  readonly form: '01';
  readonly applicant: Person;
  readonly representative: (Person & { readonly authorisation: string | null }) | null;
  readonly procedureName: string;
  readonly subject: string;
  readonly components: ReadonlyArray<{ readonly name: string; readonly originals: number; readonly copies: number }>;
  readonly sets: number;
  /** "10 ngày làm việc". */
  readonly timeLimit: string;
  readonly receivedAt: string;
  readonly dueAt: string | null;
  readonly resultPlace: string;
  readonly fees: ReadonlyArray<{ readonly description: string; readonly amount: number }>;
  readonly register: { readonly book: string; readonly serial: number };
  readonly receiver: SignatureBlock;
}

export interface SupplementData extends FormBase {
  readonly form: '02';
  readonly applicant: Person;
  readonly procedureName: string;
  readonly subject: string;
  readonly items: readonly string[];
  readonly reason: string;
  readonly contact: { readonly name: string; readonly phone: string | null };
  readonly officer: SignatureBlock;
}

export interface RefusalData extends FormBase {
  readonly form: '03';
  readonly applicant: Person;
  readonly procedureName: string;
  readonly subject: string;
  readonly reason: string;
  readonly items: readonly string[];
  readonly officer: SignatureBlock;
}

export interface ApologyData extends FormBase {
  readonly form: '04';
  readonly applicant: Person;
  readonly procedureName: string;
  readonly receivedAt: string;
  readonly originalDueAt: string;
  readonly newDueAt: string;
  readonly reason: string;
  readonly head: SignatureBlock;
}

export interface StopData extends FormBase {
  readonly form: '05';
  readonly applicant: Person;
  readonly procedureName: string;
  readonly receivedAt: string | null;
  readonly reason: string;
  readonly head: SignatureBlock;
}

export interface ControlSheetData extends FormBase {
  readonly form: '06';
  readonly resolvingUnit: string;
  readonly cooperatingUnits: readonly string[];
  readonly procedureName: string;
  readonly applicantName: string;
  readonly receivedAt: string | null;
  readonly dueAt: string | null;
  readonly rows: ReadonlyArray<{
    readonly step: string;
    readonly from: string;
    readonly to: string;
    readonly handedOverAt: string;
    readonly dueAt: string | null;
    readonly finishedAt: string | null;
    readonly result: 'early' | 'on_time' | 'late' | null;
    readonly note: string | null;
  }>;
}

export interface RegisterData extends FormBase {
  readonly form: '07';
  readonly year: number;
  readonly rows: ReadonlyArray<{
    readonly serial: number;
    readonly code: string;
    readonly procedureName: string;
    readonly applicantName: string;
    readonly addressOrPhone: string;
    readonly leadUnit: string;
    readonly receivedAt: string;
    readonly dueAt: string | null;
    readonly returnedAt: string | null;
    readonly delivery: string;
    readonly status: string;
  }>;
}

export type FormData = ReceiptData | SupplementData | RefusalData | ApologyData | StopData | ControlSheetData | RegisterData;
