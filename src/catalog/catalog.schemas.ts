// HTTP schemas for the procedure catalogue: validation, TypeScript types and the OpenAPI document.
import { Type, type Static } from 'typebox';
import { LegalDate } from '../http/schemas.js';
import { CASE_CODE_PATTERN, CUT_OFF_PATTERN, ONLINE_SERVICE_LEVELS, PROCEDURE_CHANNELS, PROCEDURE_CODE_PATTERN, PROCEDURE_LEVELS, TIME_LIMIT_UNITS } from './procedure.js';

const Uuid = Type.String({ format: 'uuid' });
const Text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });
const Name = (description?: string) => Type.String({ minLength: 1, maxLength: 1000, ...(description ? { description } : {}) });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Date = Type.String({ format: 'date' });

export const ProcedureCode = Type.String({ pattern: PROCEDURE_CODE_PATTERN, description: 'Mã TTHC of the national database, e.g. 1.001193' });
const Level = Type.Enum(PROCEDURE_LEVELS, { description: 'Cấp thực hiện: province, commune (district only in old data)' });
const OnlineLevel = Type.Enum(ONLINE_SERVICE_LEVELS, { description: 'full_online = toàn trình, partly_online = một phần, offline' });
const Channel = Type.Enum(PROCEDURE_CHANNELS, { description: 'Cách thức: in_person (trực tiếp), online (trực tuyến), postal (bưu chính)' });
const LegacyLevel = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4), Type.Null()], { description: 'Mức độ 1–4 (Decree 43/2011) for old data' });

const TimeLimit = Type.Object(
  { amount: Type.Number({ minimum: 0, maximum: 1000, description: 'Positive unless the case has no appointment date' }), unit: Type.Enum(TIME_LIMIT_UNITS) },
  { additionalProperties: false, description: 'Thời hạn giải quyết' },
);
const FeeLine = Type.Object({ description: Text(1000), amount: Type.Integer({ minimum: 0, maximum: 100_000_000_000, description: 'VND' }) }, { additionalProperties: false });
const FormTemplate = Type.Object({ name: Name(), url: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false, description: 'Mẫu đơn, tờ khai' });
const LegalBasis = Type.Object({ number: Name('Số ký hiệu văn bản, e.g. 60/2014/QH13'), title: Text(2000) }, { additionalProperties: false });
const Result = Type.Object({ code: Type.Optional(Nullable(Text(100))), name: Name() }, { additionalProperties: false });

const ComponentInput = Type.Object(
  {
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'Unique in the case; TP1, TP2… when omitted' })),
    name: Name('Tên giấy tờ'),
    originals: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, default: 1, description: 'Số bản chính' })),
    copies: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, default: 0, description: 'Số bản sao' })),
    formTemplate: Type.Optional(Type.Union([FormTemplate, Type.Null()])),
    mandatory: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

const CaseInput = Type.Object(
  {
    code: Type.Optional(Type.String({ pattern: CASE_CODE_PATTERN, description: 'Unique in the version; TH1, TH2… when omitted' })),
    name: Name('Tên trường hợp'),
    timeLimit: TimeLimit,
    fees: Type.Optional(Type.Array(FeeLine, { maxItems: 50 })),
    components: Type.Optional(Type.Array(ComponentInput, { maxItems: 100 })),
    cutOff: Type.Optional(Type.Union([Type.String({ pattern: CUT_OFF_PATTERN }), Type.Null()], { description: 'HH:MM after which an intake counts from the next working day; null = rule-set default' })),
    noAppointmentDate: Type.Optional(Type.Boolean({ description: 'Không có ngày hẹn trả (resolved on the spot)' })),
  },
  { additionalProperties: false },
);

const documentFields = {
  name: Name('Tên thủ tục'),
  field: Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }), name: Name() }, { additionalProperties: false, description: 'Lĩnh vực' }),
  levels: Type.Optional(Type.Array(Level, { maxItems: 3 })),
  implementingUnitIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, description: 'Cơ quan thực hiện: unit ids' })),
  implementingUnitsText: Type.Optional(Nullable(Text(2000, 'Cơ quan thực hiện that are not units here'))),
  steps: Type.Optional(Text(50_000, 'Trình tự thực hiện')),
  methods: Type.Optional(Type.Array(Channel, { maxItems: 3 })),
  targetApplicants: Type.Optional(Text(5000, 'Đối tượng thực hiện')),
  requirements: Type.Optional(Nullable(Text(20_000, 'Yêu cầu, điều kiện'))),
  legalBasis: Type.Optional(Type.Array(LegalBasis, { maxItems: 100, description: 'Căn cứ pháp lý' })),
  results: Type.Optional(Type.Array(Result, { maxItems: 20, description: 'Kết quả thực hiện' })),
  onlineLevel: Type.Optional(OnlineLevel),
  legacyLevel: Type.Optional(LegacyLevel),
  guidance: Type.Optional(Nullable(Text(20_000, 'Hướng dẫn'))),
  videoUrl: Type.Optional(Nullable(Type.String({ maxLength: 2000, pattern: '^https?://' }))),
  cases: Type.Optional(Type.Array(CaseInput, { maxItems: 50, description: 'Trường hợp' })),
};

export const CreateProcedureBody = Type.Object({ code: ProcedureCode, ...documentFields }, { additionalProperties: false });
export type CreateProcedureBody = Static<typeof CreateProcedureBody>;

export const UpdateDraftBody = Type.Object(
  {
    revision: Type.Integer({ minimum: 1, description: 'The revision you read; a stale one gets 409' }),
    ...documentFields,
    name: Type.Optional(documentFields.name),
    field: Type.Optional(documentFields.field),
  },
  { additionalProperties: false },
);
export type UpdateDraftBody = Static<typeof UpdateDraftBody>;

export const PublishBody = Type.Object(
  {
    revision: Type.Integer({ minimum: 1, description: 'The revision of the draft you checked' }),
    effectiveFrom: Type.Optional(LegalDate('In force from (default today); the previous version ends the day before')),
  },
  { additionalProperties: false },
);

const ProcedureCaseResponse = Type.Object({
  code: Type.String(),
  name: Type.String(),
  timeLimit: Type.Object({ amount: Type.Number(), unit: Type.Enum(TIME_LIMIT_UNITS) }),
  fees: Type.Array(Type.Object({ description: Type.String(), amount: Type.Integer() })),
  components: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      originals: Type.Integer(),
      copies: Type.Integer(),
      formTemplate: Type.Union([Type.Object({ name: Type.String(), url: Type.String() }), Type.Null()]),
      mandatory: Type.Boolean(),
    }),
  ),
  cutOff: Type.Union([Type.String(), Type.Null()]),
  noAppointmentDate: Type.Boolean(),
});

const versionMeta = {
  id: Uuid,
  procedureId: Uuid,
  code: Type.String(),
  version: Type.Integer(),
  status: Type.Enum(['draft', 'published'] as const),
  effectiveFrom: Type.Union([Date, Type.Null()]),
  effectiveTo: Type.Union([Date, Type.Null()]),
  name: Type.String(),
  field: Type.Object({ code: Type.String(), name: Type.String() }),
  levels: Type.Array(Level),
  implementingUnitIds: Type.Array(Uuid),
  onlineLevel: OnlineLevel,
  legacyLevel: LegacyLevel,
};

export const ProcedureVersionResponse = Type.Object(
  {
    ...versionMeta,
    revision: Type.Integer({ description: 'Send back when editing or publishing a draft' }),
    implementingUnitsText: Type.Union([Type.String(), Type.Null()]),
    steps: Type.String(),
    methods: Type.Array(Channel),
    targetApplicants: Type.String(),
    requirements: Type.Union([Type.String(), Type.Null()]),
    legalBasis: Type.Array(Type.Object({ number: Type.String(), title: Type.String() })),
    results: Type.Array(Type.Object({ code: Type.Union([Type.String(), Type.Null()]), name: Type.String() })),
    guidance: Type.Union([Type.String(), Type.Null()]),
    videoUrl: Type.Union([Type.String(), Type.Null()]),
    cases: Type.Array(ProcedureCaseResponse),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'ProcedureVersion', title: 'Procedure version (phiên bản thủ tục hành chính)' },
);

/** What a list shows of each version: enough to choose, with the cases' time limits. */
export const ProcedureSummary = Type.Object(
  {
    ...versionMeta,
    cases: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), timeLimit: ProcedureCaseResponse.properties.timeLimit, noAppointmentDate: Type.Boolean() })),
  },
  { $id: 'ProcedureSummary', title: 'Procedure version, in a list' },
);

export const ListProceduresQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the name, code, field, applicants or result; case and diacritics ignored; ranked by relevance' })),
    asOf: Type.Optional(LegalDate('Versions in force on this date; default today')),
    level: Type.Optional(Level),
    fieldCode: Type.Optional(Type.String({ maxLength: 100 })),
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Implementing unit' })),
    onlineLevel: Type.Optional(OnlineLevel),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
export type ListProceduresQuery = Static<typeof ListProceduresQuery>;

export const ProcedureListResponse = Type.Object({ items: Type.Array(Type.Ref('ProcedureSummary')), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() });

export const FieldsQuery = Type.Object({ asOf: Type.Optional(LegalDate('Versions in force on this date; default today')) }, { additionalProperties: false });
export const FieldsResponse = Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), count: Type.Integer() })) });

export const CodeParams = Type.Object({ code: ProcedureCode }, { additionalProperties: false });
export const CodeVersionParams = Type.Object({ code: ProcedureCode, version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }, { additionalProperties: false });

export const GetProcedureQuery = Type.Object(
  {
    version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'This version (drafts for catalogue administrators only)' })),
    asOf: Type.Optional(LegalDate('The version in force on this date; default today')),
  },
  { additionalProperties: false },
);

export const VersionsResponse = Type.Object({ items: Type.Array(Type.Ref('ProcedureSummary')) });

export const ExportQuery = Type.Object(
  {
    format: Type.Enum(['json', 'xlsx'] as const, { default: 'json', description: 'json: national database records (LayThuTuc shape); xlsx: one row per case, Vietnamese headers' }),
    asOf: Type.Optional(LegalDate('Versions in force on this date; default today')),
  },
  { additionalProperties: false },
);

export const ExportResponse = Type.Array(Type.Record(Type.String(), Type.Unknown()), {
  description: 'JSON: one national record per procedure (MATTHC, TENTTHC, LINHVUCTHUCHIEN, …, with the MotCua extensions MUCDO, MUCDOCU, HUONGDAN, URLVIDEO, MATRUONGHOP, GIOCHOT, KHONGCONGAYHENTRA, BATBUOC). With format=xlsx the body is the workbook.',
});

export const ImportQuery = Type.Object(
  {
    publish: Type.Boolean({ default: false, description: 'Publish what changed from effectiveFrom instead of leaving drafts' }),
    effectiveFrom: Type.Optional(LegalDate('With publish: in force from (default today)')),
    dryRun: Type.Boolean({ default: false, description: 'Check and report, without saving' }),
  },
  { additionalProperties: false },
);

export const ImportBody = Type.Union(
  [
    Type.Array(Type.Unknown(), { maxItems: 5000, description: 'National records (LayThuTuc shape)' }),
    Type.Object({ items: Type.Array(Type.Unknown(), { maxItems: 5000 }) }, { description: 'The same, under "items"' }),
  ],
  { description: 'JSON in the national database shape; or send an Excel workbook with its content type' },
);

export const ImportResponse = Type.Object({
  created: Type.Integer({ description: 'New procedures' }),
  revised: Type.Integer({ description: 'New versions of existing procedures' }),
  updated: Type.Integer({ description: 'Existing drafts replaced' }),
  published: Type.Integer(),
  unchanged: Type.Integer({ description: 'Same content as the latest version: nothing created' }),
  dryRun: Type.Boolean(),
});

export const DraftsQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }), offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }) },
  { additionalProperties: false },
);
