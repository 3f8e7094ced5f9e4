// HTTP schemas for process definitions (one per endpoint: validation, types, OpenAPI).
import { Type } from 'typebox';
import { LegalDate } from '../http/schemas.js';
import { STEP_KINDS, STEP_ROLES } from './process-definition.js';

const Key = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,39}$', description: 'Stable key: lowercase letters, digits, _ or -' });
const Name = Type.Object({ vi: Type.String({ minLength: 1, maxLength: 255 }), en: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false });
const StepUnit = Type.Union(
  [
    Type.Object({ kind: Type.Literal('receiving_desk') }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('applicant_commune') }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('unit'), unitCode: Type.String({ minLength: 1, maxLength: 35, pattern: '^[0-9A-Z.]+$' }) }, { additionalProperties: false }),
  ],
  { description: 'Who acts: the receiving desk, the applicant’s commune (the desk’s commune), or a unit by its identifier code' },
);
const Step = Type.Object(
  {
    key: Key,
    name: Name,
    kind: Type.Enum(STEP_KINDS, { description: 'intake (first), process, decide (exactly one, by a leader), return (last)' }),
    role: Type.Enum(STEP_ROLES),
    unit: StepUnit,
    allotment: Type.Object({ amount: Type.Integer({ minimum: 1, maximum: 10_000 }), unit: Type.Enum(['working_hours', 'working_days'] as const) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
const Branch = Type.Object({ key: Key, name: Name, lead: Type.Boolean(), steps: Type.Array(Step, { minItems: 1, maxItems: 30 }) }, { additionalProperties: false });
const Stage = Type.Object({ key: Key, name: Name, branches: Type.Array(Branch, { minItems: 1, maxItems: 10 }) }, { additionalProperties: false });
export const ProcessBodySchema = Type.Object({ stages: Type.Array(Stage, { minItems: 1, maxItems: 30 }) }, { additionalProperties: false });

const ProcedureCode = Type.String({ minLength: 1, maxLength: 40, description: 'Procedure code (mã TTHC), e.g. 1.001193' });
const CaseCode = Type.String({ minLength: 1, maxLength: 40, description: 'Case code (trường hợp) within the procedure' });

export const ProcessDefinitionResponse = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    procedureCode: Type.String(),
    caseCode: Type.String(),
    version: Type.Integer(),
    status: Type.Enum(['draft', 'published'] as const),
    name: Type.String(),
    body: ProcessBodySchema,
    totalHours: Type.Integer({ description: 'Working hours the allotments add up to (parallel branches count once, by the longest)' }),
    effectiveFrom: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    effectiveTo: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    revision: Type.Integer({ description: 'Send back when editing or publishing (optimistic concurrency)' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'ProcessDefinition', title: 'Process definition (quy trình nội bộ)' },
);

export const ListDefinitionsQuery = Type.Object(
  {
    procedureCode: Type.Optional(ProcedureCode),
    status: Type.Optional(Type.Enum(['draft', 'published'] as const)),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
);
export const DefinitionListResponse = Type.Object({ items: Type.Array(Type.Ref('ProcessDefinition')), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() });

export const InForceQuery = Type.Object({ procedureCode: ProcedureCode, caseCode: CaseCode, asOf: Type.Optional(LegalDate('Date the definition must be in force on; default today')) }, { additionalProperties: false });
export const VersionsQuery = Type.Object({ procedureCode: ProcedureCode, caseCode: CaseCode }, { additionalProperties: false });
export const VersionsResponse = Type.Object({ items: Type.Array(Type.Ref('ProcessDefinition')) });

export const CreateDraftBody = Type.Object({ procedureCode: ProcedureCode, caseCode: CaseCode, name: Type.String({ minLength: 1, maxLength: 255 }), body: ProcessBodySchema }, { additionalProperties: false });
export const UpdateDraftBody = Type.Object({ revision: Type.Integer({ minimum: 1 }), name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })), body: Type.Optional(ProcessBodySchema) }, { additionalProperties: false });
export const PublishBody = Type.Object({ revision: Type.Integer({ minimum: 1 }), effectiveFrom: Type.Optional(LegalDate('First day the version is in force; default today')) }, { additionalProperties: false });
export const CheckResponse = Type.Object({
  problems: Type.Array(
    Type.Object({
      path: Type.String({ description: 'Where in the body, e.g. stages.1.branches.0.steps.0.role' }),
      code: Type.String({ description: 'Stable code, e.g. ALLOTMENTS_MISMATCH, DECISION_NOT_LEADER, UNKNOWN_UNIT' }),
      message: Type.String({ description: 'The problem in English' }),
      params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), { description: 'The values the message names' })),
    }),
  ),
  totalHours: Type.Integer({ description: 'Working hours the allotments add up to' }),
  legalLimit: Type.Object(
    {
      amount: Type.Number(),
      unit: Type.Enum(['working_days', 'working_hours', 'calendar_days'] as const),
      noAppointmentDate: Type.Boolean({ description: 'No appointment date: the allotments are not held to the limit' }),
      hours: Type.Integer({ description: 'Working hours the allotments must add up to (for calendar days: at most)' }),
    },
    { description: 'The legal time limit of the procedure case the definition was checked against' },
  ),
});
