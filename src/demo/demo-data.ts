// Demo data: one province (An Giang, after the 2025 reforms, with its pre-2025 history), its public
// administration service centre, departments, a former district and five communes with their desks,
// and one demo account per role. Identifier codes follow the QCVN 102:2016 shape but are illustrative.
import type { Services } from '../composition.js';
import type { Database } from '../db/database.js';
import type { Actor, Role } from '../identity/roles.js';
import type { StaffProfile } from '../identity/auth.service.js';
import type { Clock } from '../time/clock.js';
import type { UnitInput } from '../units/units.service.js';
import { seedDemoProcesses } from './demo-processes.js';
import { DEMO_CATALOGUE_FROM, DEMO_PROCEDURE_LIST, type DemoProcedure } from './demo-procedures.js';

/** Password of every demo account (listed in the README). Never use demo data in production. */
export const DEMO_PASSWORD = 'MotCua@2026';

const HISTORY_START = '2008-08-01';
const DEPARTMENT_MERGER = '2025-03-01'; // provincial departments merged (Resolution 18-NQ/TW follow-up)
const TWO_TIER_START = '2025-07-01'; // districts abolished: province → commune

interface DemoUnit extends Omit<UnitInput, 'parentId'> {
  readonly key: string;
  readonly parent?: string;
  /** Later parent: [key of the new parent, from date]. */
  readonly movedTo?: readonly [string, string];
  readonly successor?: string;
}

const COMMUNES = [
  { key: 'candang', name: 'Cần Đăng', nr: '21' },
  { key: 'vinhhanh', name: 'Vĩnh Hanh', nr: '22' },
  { key: 'binhhoa', name: 'Bình Hòa', nr: '23' },
  { key: 'anchau', name: 'An Châu', nr: '24' },
  { key: 'vinhan', name: 'Vĩnh An', nr: '25' },
] as const;

export const DEMO_UNITS: readonly DemoUnit[] = [
  { key: 'province', code: '000.00.00.H01', name: 'Ủy ban nhân dân tỉnh An Giang', shortName: 'UBND tỉnh An Giang', type: 'province', address: '16 Lê Triệu Kiết, phường Long Xuyên, tỉnh An Giang', phone: '0296 3852 500', validFrom: HISTORY_START },
  { key: 'office', parent: 'province', code: '000.00.01.H01', name: 'Văn phòng Ủy ban nhân dân tỉnh An Giang', type: 'department', validFrom: HISTORY_START },
  { key: 'centre', parent: 'office', code: '000.01.01.H01', name: 'Trung tâm Phục vụ hành chính công tỉnh An Giang', shortName: 'TTPVHCC tỉnh', type: 'one_stop_desk', address: '80A Nguyễn Trãi, phường Long Xuyên, tỉnh An Giang', phone: '0296 3957 979', email: 'ttpvhcc@angiang.gov.vn', validFrom: '2019-01-01' },
  { key: 'justice', parent: 'province', code: '000.00.11.H01', name: 'Sở Tư pháp tỉnh An Giang', type: 'department', validFrom: HISTORY_START },
  { key: 'tnmt', parent: 'province', code: '000.00.12.H01', name: 'Sở Tài nguyên và Môi trường tỉnh An Giang', type: 'department', validFrom: HISTORY_START, validTo: '2025-02-28', successor: 'nnmt' },
  { key: 'nnmt', parent: 'province', code: '000.00.25.H01', name: 'Sở Nông nghiệp và Môi trường tỉnh An Giang', type: 'department', validFrom: DEPARTMENT_MERGER },
  { key: 'landoffice', parent: 'tnmt', movedTo: ['nnmt', DEPARTMENT_MERGER], code: '000.01.12.H01', name: 'Văn phòng Đăng ký đất đai tỉnh An Giang', type: 'agency', validFrom: HISTORY_START },
  { key: 'construction', parent: 'province', code: '000.00.13.H01', name: 'Sở Xây dựng tỉnh An Giang', type: 'department', validFrom: HISTORY_START },
  { key: 'labour', parent: 'province', code: '000.00.14.H01', name: 'Sở Lao động - Thương binh và Xã hội tỉnh An Giang', type: 'department', validFrom: HISTORY_START, validTo: '2025-02-28', successor: 'home' },
  { key: 'home', parent: 'province', code: '000.00.15.H01', name: 'Sở Nội vụ tỉnh An Giang', type: 'department', validFrom: HISTORY_START },
  { key: 'tax', code: '000.00.31.H01', name: 'Thuế tỉnh An Giang', type: 'agency', address: '2 Lê Lợi, phường Long Xuyên, tỉnh An Giang', validFrom: HISTORY_START },
  { key: 'police', code: '000.00.32.H01', name: 'Công an tỉnh An Giang', type: 'agency', validFrom: HISTORY_START },
  { key: 'district', parent: 'province', code: '000.00.45.H01', name: 'Ủy ban nhân dân huyện Châu Thành', type: 'district', validFrom: HISTORY_START, validTo: '2025-06-30', successor: 'province' },
  { key: 'district-desk', parent: 'district', code: '000.01.45.H01', name: 'Bộ phận Tiếp nhận và Trả kết quả huyện Châu Thành', type: 'one_stop_desk', validFrom: HISTORY_START, validTo: '2025-06-30' },
  ...COMMUNES.flatMap(({ key, name, nr }): DemoUnit[] => [
    { key, parent: 'district', movedTo: ['province', TWO_TIER_START], code: `000.${nr}.45.H01`, name: `Ủy ban nhân dân xã ${name}`, shortName: `UBND xã ${name}`, type: 'commune', validFrom: HISTORY_START },
    { key: `${key}-desk`, parent: key, code: `001.${nr}.45.H01`, name: `Trung tâm Phục vụ hành chính công xã ${name}`, shortName: `Một cửa xã ${name}`, type: 'one_stop_desk', validFrom: HISTORY_START },
  ]),
];

interface DemoAccount {
  readonly username: string;
  readonly fullName: string;
  readonly roles: ReadonlyArray<readonly [unitKey: string, role: Role]>;
  readonly isSystemAdmin?: boolean;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'tinh.quantri', fullName: 'Nguyễn Văn An', roles: [['province', 'administrator']] },
  { username: 'tinh.giamsat', fullName: 'Huỳnh Thị Mai', roles: [['province', 'supervisor']] },
  { username: 'tinh.motcua', fullName: 'Ngô Thanh Tâm', roles: [['centre', 'desk_officer']] },
  { username: 'datdai.chuyenvien', fullName: 'Bùi Văn Phúc', roles: [['landoffice', 'specialist']] },
  { username: 'datdai.lanhdao', fullName: 'Trương Quốc Bảo', roles: [['landoffice', 'leader']] },
  { username: 'thue.chuyenvien', fullName: 'Đỗ Thị Thu', roles: [['tax', 'specialist']] },
  { username: 'candang.motcua', fullName: 'Trần Thị Bích', roles: [['candang-desk', 'desk_officer']] },
  { username: 'candang.chuyenvien', fullName: 'Lê Hoàng Nam', roles: [['candang', 'specialist']] },
  { username: 'candang.lanhdao', fullName: 'Phạm Minh Tuấn', roles: [['candang', 'leader']] },
  { username: 'candang.quantri', fullName: 'Võ Thị Lan', roles: [['candang', 'administrator']] },
  { username: 'vinhhanh.quantri', fullName: 'Đặng Quốc Huy', roles: [['vinhhanh', 'administrator']] },
  { username: 'vinhhanh.motcua', fullName: 'Lý Thị Hồng', roles: [['vinhhanh-desk', 'desk_officer']] },
];

/** Loads the demo data into an empty database; does nothing if any unit or account exists. */
export async function seedDemoDataIfEmpty(services: Services, database: Database, clock: Clock): Promise<boolean> {
  const [units, users] = await Promise.all([
    database.reader.selectFrom('units').select('id').limit(1).execute(),
    database.reader.selectFrom('users').select('id').limit(1).execute(),
  ]);
  if (units.length > 0 || users.length > 0) return false;
  // Several nodes may start together on one empty PostgreSQL database: the first to create the
  // administrator seeds, the others see its account (or lose the race on the unique username) and go on.
  let admin: StaffProfile;
  try {
    admin = await services.staff.createStaff(null, { username: 'admin', fullName: 'Quản trị hệ thống', password: DEMO_PASSWORD, roles: [], isSystemAdmin: true });
  } catch (error) {
    if (await database.reader.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst()) return false;
    throw error;
  }
  await seedDemoData(services, clock, admin);
  return true;
}

async function seedDemoData(services: Services, _clock: Clock, admin: StaffProfile): Promise<void> {
  const actor: Actor = { userId: admin.id, username: admin.username, isSystemAdmin: true, roles: [] };
  const ids = new Map<string, string>();
  const id = (key: string) => {
    const value = ids.get(key);
    if (!value) throw new Error(`demo data: unit ${key} must come before its use`);
    return value;
  };
  for (const { key, parent, movedTo: _moved, successor: _successor, ...input } of DEMO_UNITS) {
    const unit = await services.units.createUnit(actor, { ...input, parentId: parent ? id(parent) : null });
    ids.set(key, unit.id);
  }
  for (const unit of DEMO_UNITS) {
    if (unit.movedTo) await services.units.moveUnit(actor, id(unit.key), { parentId: id(unit.movedTo[0]), effectiveFrom: unit.movedTo[1] });
    if (unit.successor) {
      const current = await services.units.getUnit(id(unit.key), unit.validFrom);
      await services.units.updateUnit(actor, id(unit.key), { version: current.version, successorId: id(unit.successor) });
    }
  }
  await seedDemoProcedures(services, actor, (code) => id(DEMO_UNITS.find((u) => u.code === code)?.key ?? code));
  await seedDemoProcesses(services, actor);
  // Accounts one after another: each hashes a password (~50 ms of CPU).
  for (const account of DEMO_ACCOUNTS) {
    await services.staff.createStaff(actor, {
      username: account.username,
      fullName: account.fullName,
      password: DEMO_PASSWORD,
      roles: account.roles.map(([unitKey, role]) => ({ unitId: id(unitKey), role })),
      isSystemAdmin: account.isSystemAdmin ?? false,
    });
  }
}

/** The demo catalogue, published; a few procedures with an earlier, superseded version. */
async function seedDemoProcedures(services: Services, actor: Actor, unitIdOfCode: (code: string) => string): Promise<void> {
  const documentOf = ({ code: _code, earlier: _earlier, implementingUnitCodes, ...rest }: DemoProcedure) => ({ ...rest, implementingUnitIds: implementingUnitCodes.map(unitIdOfCode) });
  await services.catalogAdmin.publishProcedures(
    actor,
    DEMO_PROCEDURE_LIST.map((procedure) => ({
      code: procedure.code,
      versions: [
        ...(procedure.earlier ?? []).map(({ effectiveFrom, changes }) => ({ effectiveFrom, document: documentOf({ ...procedure, ...changes }) })),
        { effectiveFrom: DEMO_CATALOGUE_FROM, document: documentOf(procedure) },
      ],
    })),
  );
}
