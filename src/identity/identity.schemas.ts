import { Type, type Static } from 'typebox';
import { ROLES } from './roles.js';

const Uuid = Type.String({ format: 'uuid' });
const RoleName = Type.Enum(ROLES, { description: 'desk_officer (cán bộ một cửa), specialist (chuyên viên), leader (lãnh đạo), administrator (quản trị), supervisor (giám sát)' });
export const RoleAssignmentSchema = Type.Object({ unitId: Uuid, role: RoleName }, { additionalProperties: false });

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 10, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const StaffProfileResponse = Type.Object(
  {
    id: Uuid,
    username: Type.String(),
    fullName: Type.String(),
    isSystemAdmin: Type.Boolean(),
    disabled: Type.Boolean({ description: 'Disabled by an administrator: the account cannot sign in' }),
    roles: Type.Array(RoleAssignmentSchema),
  },
  { $id: 'StaffProfile', title: 'Staff member' },
);

export const CreateStaffBody = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' }),
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 10, maxLength: 200 }),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9+(). -]{3,30}$' }), Type.Null()])),
    roles: Type.Array(RoleAssignmentSchema, { maxItems: 50 }),
    isSystemAdmin: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateStaffBody = Static<typeof CreateStaffBody>;

export const SetRolesBody = Type.Object({ roles: Type.Array(RoleAssignmentSchema, { maxItems: 50 }) }, { additionalProperties: false });

export const ListStaffQuery = Type.Object(
  {
    unitId: Type.Optional(Uuid),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
