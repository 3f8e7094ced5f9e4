// Shared pieces of the demo procedure catalogue (data helpers only): the demo units that implement
// procedures, fields, common steps and components, and a compact way to write a one-case procedure.
import type { ProcedureCaseInput, ProcedureDocumentInput } from '../catalog/procedure-document.js';
import type { OnlineServiceLevel, ProcedureChannel, TimeLimit } from '../catalog/procedure.js';

export interface DemoProcedure extends Omit<ProcedureDocumentInput, 'implementingUnitIds'> {
  readonly code: string;
  readonly implementingUnitCodes: readonly string[];
  /** Earlier published versions, oldest first: what differed from the current one, and from when. */
  readonly earlier?: ReadonlyArray<{ readonly effectiveFrom: string; readonly changes: Partial<Omit<DemoProcedure, 'code' | 'earlier'>> }>;
}

/** Current versions are in force from the start of two-tier local government. */
export const DEMO_CATALOGUE_FROM = '2025-07-01';

/** The references the dossier module's tests use. */
export const DEMO_PROCEDURES = {
  birthRegistration: { code: '1.001193', caseCode: 'TH1' },
  certifiedCopy: { code: '2.000815', caseCode: 'TH1' },
  businessHousehold: { code: '2.000720', caseCode: 'TH1' },
  landTransfer: { code: '1.004227', caseCode: 'TH1' },
  constructionPermit: { code: '1.009972', caseCode: 'TH1' },
  identityCard: { code: '1.013093', caseCode: 'TH1' },
} as const;

export const COMMUNES = ['000.21.45.H01', '000.22.45.H01', '000.23.45.H01', '000.24.45.H01', '000.25.45.H01'];
export const LAND_OFFICE = '000.01.12.H01';
export const TAX = '000.00.31.H01';
export const POLICE = '000.00.32.H01';
export const JUSTICE = '000.00.11.H01';
export const CONSTRUCTION = '000.00.13.H01';
export const AGRICULTURE_ENVIRONMENT = '000.00.25.H01';
export const HOME_AFFAIRS = '000.00.15.H01';

export const ALL_CHANNELS = ['in_person', 'online', 'postal'] as const;
export const commune = { levels: ['commune'] as const, implementingUnitCodes: COMMUNES, implementingUnitsText: 'Ủy ban nhân dân cấp xã' };

export const STEPS_COMMUNE = [
  'Bước 1: Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công cấp xã, qua dịch vụ bưu chính hoặc trực tuyến trên Cổng Dịch vụ công quốc gia.',
  'Bước 2: Công chức tiếp nhận kiểm tra hồ sơ; hồ sơ đầy đủ thì viết Giấy tiếp nhận và hẹn trả kết quả; chưa đầy đủ thì hướng dẫn bổ sung một lần.',
  'Bước 3: Công chức chuyên môn xử lý, trình Chủ tịch Ủy ban nhân dân cấp xã ký kết quả.',
  'Bước 4: Trả kết quả tại Trung tâm Phục vụ hành chính công, qua bưu chính hoặc bản điện tử.',
].join('\n');

export const STEPS_PROVINCE = [
  'Bước 1: Tổ chức, cá nhân nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh, qua dịch vụ bưu chính công ích hoặc trực tuyến.',
  'Bước 2: Bộ phận Một cửa kiểm tra, tiếp nhận hồ sơ và chuyển cơ quan chuyên môn.',
  'Bước 3: Cơ quan chuyên môn thẩm định, trình lãnh đạo có thẩm quyền phê duyệt.',
  'Bước 4: Trả kết quả tại Trung tâm Phục vụ hành chính công tỉnh, qua bưu chính hoặc trực tuyến.',
].join('\n');

export const workingDays = (amount: number) => ({ amount, unit: 'working_days' as const });
export const form = (name: string, file: string) => ({ name, url: `https://dichvucong.gov.vn/bieu-mau/${file}` });
export const identityPapers = { code: 'GT_CCCD', name: 'Thẻ căn cước, căn cước công dân hoặc giấy tờ tùy thân có ảnh của người yêu cầu (xuất trình)', originals: 1, copies: 0, mandatory: true };
export const authorisation = { code: 'GT_UQ', name: 'Văn bản ủy quyền có chứng thực (trường hợp ủy quyền nộp hồ sơ)', originals: 1, copies: 0, mandatory: false };
export const oneCase = (c: Omit<ProcedureCaseInput, 'code'>): ProcedureCaseInput[] => [{ code: 'TH1', ...c }];

export const CIVIL_STATUS = { code: 'HO_TICH', name: 'Hộ tịch' };
export const CERTIFICATION = { code: 'CHUNG_THUC', name: 'Chứng thực' };
export const LAND = { code: 'DAT_DAI', name: 'Đất đai' };
export const HOUSEHOLD_BUSINESS = { code: 'HO_KINH_DOANH', name: 'Thành lập và hoạt động của hộ kinh doanh' };
export const CONSTRUCTION_FIELD = { code: 'XAY_DUNG', name: 'Hoạt động xây dựng' };
export const IDENTITY = { code: 'CAN_CUOC', name: 'Căn cước' };

export const CIVIL_STATUS_LAW = [
  { number: '60/2014/QH13', title: 'Luật Hộ tịch' },
  { number: '123/2015/NĐ-CP', title: 'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch' },
  { number: '04/2020/TT-BTP', title: 'Thông tư quy định chi tiết thi hành Luật Hộ tịch và Nghị định 123/2015/NĐ-CP' },
];

export const FIELDS = {
  criminalRecord: { code: 'LY_LICH_TU_PHAP', name: 'Lý lịch tư pháp' },
  securedTransactions: { code: 'DANG_KY_BIEN_PHAP_BAO_DAM', name: 'Đăng ký biện pháp bảo đảm' },
  residence: { code: 'CU_TRU', name: 'Đăng ký, quản lý cư trú' },
  roads: { code: 'DUONG_BO', name: 'Đường bộ' },
  health: { code: 'KHAM_CHUA_BENH', name: 'Khám bệnh, chữa bệnh' },
  foodSafety: { code: 'AN_TOAN_THUC_PHAM', name: 'An toàn thực phẩm' },
  education: { code: 'GIAO_DUC', name: 'Giáo dục và Đào tạo' },
  plantProtection: { code: 'BAO_VE_THUC_VAT', name: 'Bảo vệ thực vật' },
  disasterRelief: { code: 'NONG_NGHIEP', name: 'Nông nghiệp và phát triển nông thôn' },
  environment: { code: 'MOI_TRUONG', name: 'Môi trường' },
  culture: { code: 'VAN_HOA', name: 'Văn hóa' },
  employment: { code: 'VIEC_LAM', name: 'Việc làm' },
  meritorious: { code: 'NGUOI_CO_CONG', name: 'Người có công' },
  povertyReduction: { code: 'GIAM_NGHEO', name: 'Giảm nghèo' },
  enterprise: { code: 'DOANH_NGHIEP', name: 'Thành lập và hoạt động của doanh nghiệp' },
  socialProtection: { code: 'BAO_TRO_XA_HOI', name: 'Bảo trợ xã hội' },
} as const;

/** A component written as [name, originals, copies, mandatory?, form file?]. */
export type ComponentSpec = readonly [name: string, originals: number, copies: number, mandatory?: boolean, formFile?: string];

export interface CaseSpec {
  readonly name: string;
  readonly limit: TimeLimit;
  readonly fees?: ReadonlyArray<readonly [description: string, amount: number]>;
  readonly components: readonly ComponentSpec[];
  readonly cutOff?: string;
  readonly noAppointmentDate?: boolean;
}

export function caseOf(code: string, spec: CaseSpec): ProcedureCaseInput {
  return {
    code,
    name: spec.name,
    timeLimit: spec.limit,
    fees: (spec.fees ?? []).map(([description, amount]) => ({ description, amount })),
    components: spec.components.map(([name, originals, copies, mandatory, formFile], i) => ({
      code: `GT${i + 1}`,
      name,
      originals,
      copies,
      mandatory: mandatory ?? true,
      formTemplate: formFile ? form(name, formFile) : null,
    })),
    cutOff: spec.cutOff ?? null,
    noAppointmentDate: spec.noAppointmentDate ?? false,
  };
}

export interface ProcedureSpec {
  readonly code: string;
  readonly name: string;
  readonly field: { readonly code: string; readonly name: string };
  readonly level: 'commune' | 'province';
  readonly units?: readonly string[];
  readonly unitsText?: string | null;
  readonly applicants: string;
  readonly requirements?: string;
  readonly legal: ReadonlyArray<readonly [number: string, title: string]>;
  readonly result: string;
  readonly online?: OnlineServiceLevel;
  readonly methods?: readonly ProcedureChannel[];
  readonly steps?: string;
  readonly cases: readonly CaseSpec[];
}

/** A procedure in a few lines: commune procedures are implemented by every commune unless told otherwise. */
export function procedure(spec: ProcedureSpec): DemoProcedure {
  const atCommune = spec.level === 'commune';
  return {
    code: spec.code,
    name: spec.name,
    field: spec.field,
    levels: [spec.level],
    implementingUnitCodes: spec.units ?? (atCommune ? COMMUNES : []),
    implementingUnitsText: spec.unitsText === undefined ? (atCommune ? 'Ủy ban nhân dân cấp xã' : null) : spec.unitsText,
    steps: spec.steps ?? (atCommune ? STEPS_COMMUNE : STEPS_PROVINCE),
    methods: spec.methods ?? ALL_CHANNELS,
    targetApplicants: spec.applicants,
    requirements: spec.requirements ?? null,
    legalBasis: spec.legal.map(([number, title]) => ({ number, title })),
    results: [{ code: null, name: spec.result }],
    onlineLevel: spec.online ?? 'partly_online',
    cases: spec.cases.map((c, i) => caseOf(`TH${i + 1}`, c)),
  };
}

export const hours = (amount: number) => ({ amount, unit: 'working_hours' as const });
export const calendarDays = (amount: number) => ({ amount, unit: 'calendar_days' as const });
