// Starting points for process definitions: the usual one-stop route (desk → specialist → leader →
// desk) split from the legal limit, and the land-and-tax inter-agency route (liên thông). Used by the
// demo data and offered to administrators as a first draft they then adjust.
import { WORKING_HOURS_PER_DAY, type LegalLimit, type ProcessBody, type StepDefinition, type StepUnit } from './process-definition.js';

/** The limit in working hours an allotment plan must add up to (calendar days: as many working days). */
export function limitHours(limit: LegalLimit): number {
  if (limit.noAppointmentDate) return WORKING_HOURS_PER_DAY;
  return limit.unit === 'working_hours' ? limit.amount : limit.amount * WORKING_HOURS_PER_DAY;
}

const intake: Omit<StepDefinition, 'allotment'> = { key: 'intake', name: { vi: 'Tiếp nhận hồ sơ', en: 'Receive the dossier' }, kind: 'intake', role: 'desk_officer', unit: { kind: 'receiving_desk' } };
const handBack: Omit<StepDefinition, 'allotment'> = { key: 'return', name: { vi: 'Trả kết quả', en: 'Return the result' }, kind: 'return', role: 'desk_officer', unit: { kind: 'receiving_desk' } };
const hours = (amount: number) => ({ amount, unit: 'working_hours' as const });

/**
 * Intake, appraisal by a specialist, decision by a leader, return; at least one hour each, the desk
 * steps about a tenth of the limit each, the decision a fifth, the appraisal the rest.
 * Needs a limit of at least 4 working hours.
 */
export function standardProcess(limit: LegalLimit, processingUnit: StepUnit): ProcessBody {
  const total = limitHours(limit);
  if (total < 4) throw new RangeError('the standard process needs at least 4 working hours');
  const desk = Math.max(1, Math.floor(total / 10));
  const decide = Math.max(1, Math.floor(total / 5));
  const appraise = total - 2 * desk - decide;
  return {
    stages: [
      { key: 'intake', name: { vi: 'Tiếp nhận', en: 'Intake' }, branches: [{ key: 'desk', name: { vi: 'Bộ phận Một cửa', en: 'One-stop desk' }, lead: true, steps: [{ ...intake, allotment: hours(desk) }] }] },
      {
        key: 'processing',
        name: { vi: 'Giải quyết', en: 'Processing' },
        branches: [
          {
            key: 'main',
            name: { vi: 'Cơ quan giải quyết', en: 'Processing agency' },
            lead: true,
            steps: [
              { key: 'appraise', name: { vi: 'Thẩm định hồ sơ', en: 'Appraise the dossier' }, kind: 'process', role: 'specialist', unit: processingUnit, allotment: hours(appraise) },
              { key: 'approve', name: { vi: 'Phê duyệt, ký kết quả', en: 'Approve and sign the result' }, kind: 'decide', role: 'leader', unit: processingUnit, allotment: hours(decide) },
            ],
          },
        ],
      },
      { key: 'return', name: { vi: 'Trả kết quả', en: 'Return' }, branches: [{ key: 'desk', name: { vi: 'Bộ phận Một cửa', en: 'One-stop desk' }, lead: true, steps: [{ ...handBack, allotment: hours(desk) }] }] },
    ],
  };
}

/**
 * Land registration with the tax office (liên thông đất đai – thuế), 10 working days = 80 hours:
 * the desk (4 h); in parallel the land registration office appraises (lead, 40 h) while the tax office
 * computes the financial obligation (24 h); the office's leader decides (16 h); its specialist updates
 * the land records and the certificate (12 h); the desk returns the result (8 h).
 */
export function landAndTaxProcess(landOfficeCode: string, taxOfficeCode: string): ProcessBody {
  const land: StepUnit = { kind: 'unit', unitCode: landOfficeCode };
  const tax: StepUnit = { kind: 'unit', unitCode: taxOfficeCode };
  return {
    stages: [
      { key: 'intake', name: { vi: 'Tiếp nhận', en: 'Intake' }, branches: [{ key: 'desk', name: { vi: 'Trung tâm Phục vụ hành chính công', en: 'Public administration service centre' }, lead: true, steps: [{ ...intake, allotment: hours(4) }] }] },
      {
        key: 'appraisal',
        name: { vi: 'Thẩm định và xác định nghĩa vụ tài chính (liên thông)', en: 'Appraisal and financial obligation (inter-agency)' },
        branches: [
          { key: 'land', name: { vi: 'Văn phòng Đăng ký đất đai', en: 'Land registration office' }, lead: true, steps: [{ key: 'land-appraise', name: { vi: 'Thẩm định hồ sơ đất đai', en: 'Appraise the land dossier' }, kind: 'process', role: 'specialist', unit: land, allotment: hours(40) }] },
          { key: 'tax', name: { vi: 'Cơ quan thuế', en: 'Tax office' }, lead: false, steps: [{ key: 'tax-assess', name: { vi: 'Xác định nghĩa vụ tài chính', en: 'Assess the financial obligation' }, kind: 'process', role: 'specialist', unit: tax, allotment: hours(24) }] },
        ],
      },
      {
        key: 'decision',
        name: { vi: 'Phê duyệt và cập nhật', en: 'Decision and records' },
        branches: [
          {
            key: 'land',
            name: { vi: 'Văn phòng Đăng ký đất đai', en: 'Land registration office' },
            lead: true,
            steps: [
              { key: 'land-approve', name: { vi: 'Lãnh đạo phê duyệt, ký', en: 'Leader approves and signs' }, kind: 'decide', role: 'leader', unit: land, allotment: hours(16) },
              { key: 'land-records', name: { vi: 'Cập nhật hồ sơ địa chính, chỉnh lý giấy chứng nhận', en: 'Update the land records and the certificate' }, kind: 'process', role: 'specialist', unit: land, allotment: hours(12) },
            ],
          },
        ],
      },
      { key: 'return', name: { vi: 'Trả kết quả', en: 'Return' }, branches: [{ key: 'desk', name: { vi: 'Trung tâm Phục vụ hành chính công', en: 'Public administration service centre' }, lead: true, steps: [{ ...handBack, allotment: hours(8) }] }] },
    ],
  };
}
