// HTTP schemas for units: validation, TypeScript types and the OpenAPI document in one place.
import { Type, type Static } from 'typebox';
import { LegalDate } from '../http/schemas.js';
import { UNIT_CODE_MAX_LENGTH, UNIT_CODE_PATTERN, UNIT_TYPES } from './unit.js';

const HHMM = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'Local time HH:MM' });
const OfficeHoursSession = Type.Object({ start: HHMM, end: HHMM }, { additionalProperties: false });
const OfficeHours = Type.Array(OfficeHoursSession, { minItems: 1, maxItems: 4, description: 'Office hours, e.g. 07:00–11:30 and 13:30–17:00' });
const UnitType = Type.Enum(UNIT_TYPES, { description: 'Kind of unit: ' + UNIT_TYPES.join(', ') });
const Code = Type.String({
  minLength: 1,
  maxLength: UNIT_CODE_MAX_LENGTH,
  pattern: UNIT_CODE_PATTERN,
  description: 'Electronic identifier (mã định danh điện tử), QCVN 102:2016 / Decision 20/2020, e.g. 000.00.12.H26',
});
const Name = Type.String({ minLength: 1, maxLength: 255 });
const OptionalText = (maxLength: number, description?: string) => Type.Union([Type.String({ maxLength }), Type.Null()], description ? { description } : {});
const Phone = Type.Union([Type.String({ pattern: '^[0-9+(). -]{3,30}$' }), Type.Null()], { description: 'Public contact phone of the unit' });
const Email = Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });

export const UnitResponse = Type.Object(
  {
    id: Uuid,
    code: Type.String(),
    name: Type.String(),
    shortName: Type.Union([Type.String(), Type.Null()]),
    type: UnitType,
    parentId: Type.Union([Uuid, Type.Null()], { description: 'Parent in force on the date asked for' }),
    address: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()]),
    officeHours: Type.Array(OfficeHoursSession),
    validFrom: Type.String({ format: 'date' }),
    validTo: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    successorId: Type.Union([Uuid, Type.Null()], { description: 'Unit that took over after a merger or abolition' }),
    version: Type.Integer({ description: 'Send back with PATCH (optimistic concurrency)' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Unit', title: 'Unit (cơ quan, đơn vị)' },
);

export const UnitDetailResponse = Type.Object(
  {
    ...UnitResponse.properties,
    permissions: Type.Object(
      { update: Type.Boolean(), move: Type.Boolean(), createChild: Type.Boolean() },
      { description: 'What the signed-in user may do with this unit (all false when signed out)' },
    ),
  },
  { title: 'Unit with the caller’s permissions' },
);

export const CreateUnitBody = Type.Object(
  {
    code: Code,
    name: Name,
    shortName: Type.Optional(OptionalText(100)),
    type: UnitType,
    parentId: Type.Optional(Type.Union([Uuid, Type.Null()], { description: 'Parent unit; omit or null for a root (system administrators only)' })),
    address: Type.Optional(OptionalText(500)),
    phone: Type.Optional(Phone),
    email: Type.Optional(Email),
    officeHours: Type.Optional(OfficeHours),
    validFrom: Type.Optional(LegalDate('In force from; default today')),
    validTo: Type.Optional(Type.Union([LegalDate('In force until'), Type.Null()])),
    successorId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);
export type CreateUnitBody = Static<typeof CreateUnitBody>;

export const UpdateUnitBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The version you read; a stale version gets 409' }),
    code: Type.Optional(Code),
    name: Type.Optional(Name),
    shortName: Type.Optional(OptionalText(100)),
    type: Type.Optional(UnitType),
    address: Type.Optional(OptionalText(500)),
    phone: Type.Optional(Phone),
    email: Type.Optional(Email),
    officeHours: Type.Optional(OfficeHours),
    officeHoursFrom: Type.Optional(LegalDate('With officeHours: the day the new hours start (default today; not a past day)')),
    validFrom: Type.Optional(LegalDate('In force from')),
    validTo: Type.Optional(Type.Union([LegalDate('In force until (closing a merged or abolished unit)'), Type.Null()])),
    successorId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateUnitBody = Static<typeof UpdateUnitBody>;

export const MoveUnitBody = Type.Object(
  {
    parentId: Type.Union([Uuid, Type.Null()], { description: 'New parent; null makes the unit a root' }),
    effectiveFrom: LegalDate('The new parent is in force from this date; the old link ends the day before'),
  },
  { additionalProperties: false },
);
export type MoveUnitBody = Static<typeof MoveUnitBody>;

export const ListUnitsQuery = Type.Object(
  {
    parentId: Type.Optional(Uuid),
    type: Type.Optional(UnitType),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Search in name and code, ignoring case and diacritics' })),
    asOf: Type.Optional(LegalDate('Hierarchy and validity as on this date; default today')),
    includeClosed: Type.Optional(Type.Boolean({ description: 'Include units not in force on asOf' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
export type ListUnitsQuery = Static<typeof ListUnitsQuery>;

export const AsOfQuery = Type.Object({ asOf: Type.Optional(LegalDate('As on this date; default today')) }, { additionalProperties: false });

export const UnitListResponse = Type.Object({
  items: Type.Array(Type.Ref('Unit')),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const SubtreeResponse = Type.Object({
  items: Type.Array(Type.Object({ ...UnitResponse.properties, depth: Type.Integer({ description: 'Levels below the root' }) })),
});

export const OfficeHoursHistoryResponse = Type.Object({
  items: Type.Array(Type.Object({ validFrom: Type.String({ format: 'date' }), sessions: Type.Array(OfficeHoursSession) })),
});

export const ParentHistoryResponse = Type.Object({
  items: Type.Array(
    Type.Object({ parentId: Uuid, validFrom: Type.String({ format: 'date' }), validTo: Type.Union([Type.String({ format: 'date' }), Type.Null()]) }),
  ),
});

export const ImportUnitsQuery = Type.Object(
  { dryRun: Type.Boolean({ default: false, description: 'Check the file and report, without saving' }) },
  { additionalProperties: false },
);

export const ImportUnitsResponse = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  dryRun: Type.Boolean(),
});
