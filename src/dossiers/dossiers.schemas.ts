// HTTP schemas for dossiers: requests (strict) and responses (the serializer: nothing else leaves).
import { Type, type TSchema } from 'typebox';
import { CHANNELS, DOSSIER_STATUSES } from './dossier.js';
import { WORKLIST_VIEWS } from './queries.service.js';

const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = (max: number, description?: string) => Type.String({ minLength: 1, maxLength: max, ...(description ? { description } : {}) });
const Name = Type.Object({ vi: Type.String(), en: Type.String() });
const Timeliness = Nullable(Type.Enum(['early', 'on_time', 'late'] as const, { description: 'trước hạn / đúng hạn / quá hạn' }));
const ResultDelivery = Type.Enum(['counter', 'post', 'electronic'] as const, { description: 'How the result is returned: at the desk, by post, electronically' });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$', description: 'Retrying with the same key returns the first result and changes nothing' })),
});

export const DraftTokenHeaders = Type.Object({
  'x-draft-token': Type.Optional(Type.String({ minLength: 10, maxLength: 100, description: 'The token returned when the draft was created' })),
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' })),
});

const ApplicantBody = Type.Object(
  {
    kind: Type.Enum(['person', 'organisation'] as const),
    name: Text(255),
    idNumber: Type.String({ pattern: '^(\\d{12}|\\d{10}(-\\d{3})?|\\d{13})$', description: 'Personal identification number (CCCD, 12 digits) or enterprise / organisation code' }),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    phone: Type.Optional(Nullable(Type.String({ pattern: '^(\\+84|0)[0-9]{9,10}$', description: 'Vietnamese phone number, digits only, e.g. 0912345678' }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    communeUnitId: Type.Optional(Nullable(Uuid)),
    representative: Type.Optional(
      Nullable(Type.Object({ name: Text(255), idNumber: Type.String({ pattern: '^\\d{12}$' }), phone: Nullable(Type.String({ pattern: '^(\\+84|0)[0-9]{9,10}$' })), authorisation: Nullable(Type.String({ maxLength: 500 })) }, { additionalProperties: false })),
    ),
  },
  { additionalProperties: false },
);
const ComponentBody = Type.Object(
  {
    code: Text(80, 'Code of the required component (thành phần hồ sơ) in the procedure case'),
    originals: Type.Integer({ minimum: 0, maximum: 50 }),
    copies: Type.Integer({ minimum: 0, maximum: 50 }),
    attachmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
const Filing = {
  procedureCode: Text(40, 'Procedure code (mã TTHC)'),
  caseCode: Text(40, 'Case (trường hợp) code'),
  receivingUnitId: Type.String({ format: 'uuid', description: 'The one-stop desk that receives the dossier' }),
  applicant: ApplicantBody,
  subject: Type.String({ maxLength: 2000, description: 'What is asked for (nội dung yêu cầu giải quyết)' }),
  components: Type.Array(ComponentBody, { maxItems: 100 }),
  resultDelivery: ResultDelivery,
};
const Items = Type.Array(Text(500), { maxItems: 100 });
const Reason = Text(2000);

export const FileOnlineBody = Type.Object({ ...Filing, submit: Type.Boolean({ description: 'true: submit now; false: keep a draft (edit it with the draft token)' }) }, { additionalProperties: false });
export const CounterIntakeBody = Type.Object(
  {
    ...Filing,
    channel: Type.Enum(['in_person', 'postal', 'messaging'] as const, { description: 'in person (1), public post (3), messaging photos (reported as online, 2)' }),
    handoverSignedAt: Type.Optional(Type.String({ format: 'date-time', description: 'Postal channel: when the hand-over record was signed (the legal receipt instant)' })),
    outcome: Type.Union([
      Type.Object({ kind: Type.Literal('receive') }, { additionalProperties: false }),
      Type.Object({ kind: Type.Literal('return_for_completion'), reason: Reason, items: Type.Array(Text(500), { minItems: 1, maxItems: 100 }) }, { additionalProperties: false }),
      Type.Object({ kind: Type.Literal('refuse'), reason: Reason, items: Items }, { additionalProperties: false }),
      Type.Object({ kind: Type.Literal('draft') }, { additionalProperties: false }),
    ]),
  },
  { additionalProperties: false },
);
export const UpdateDraftBody = Type.Object(
  { applicant: Type.Optional(ApplicantBody), subject: Type.Optional(Type.String({ maxLength: 2000 })), components: Type.Optional(Type.Array(ComponentBody, { maxItems: 100 })), resultDelivery: Type.Optional(ResultDelivery) },
  { additionalProperties: false },
);
export const ReceiveBody = Type.Object({ handoverSignedAt: Type.Optional(Type.String({ format: 'date-time' })), components: Type.Optional(Type.Array(ComponentBody, { maxItems: 100 })) }, { additionalProperties: false });
export const ReasonItemsBody = Type.Object({ reason: Reason, items: Type.Array(Text(500), { minItems: 1, maxItems: 100 }) }, { additionalProperties: false });
export const RefuseBody = Type.Object({ reason: Reason, items: Type.Optional(Items) }, { additionalProperties: false });
export const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });
export const AssignBody = Type.Object({ assigneeId: Type.Optional(Uuid) }, { additionalProperties: false });
export const CompleteBody = Type.Object(
  {
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    decision: Type.Optional(
      Type.Object(
        {
          outcome: Type.Enum(['approved', 'refused'] as const),
          note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          documents: Type.Optional(Type.Array(Type.Object({ name: Text(255), number: Nullable(Type.String({ maxLength: 100 })), attachmentId: Nullable(Uuid) }, { additionalProperties: false }), { maxItems: 20 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export const SendBackBody = Type.Object({ toStepKey: Text(40), reason: Reason }, { additionalProperties: false });
export const ConsultBody = Type.Object({ unitId: Uuid, question: Reason, workingDays: Type.Integer({ minimum: 1, maximum: 30 }) }, { additionalProperties: false });
export const AnswerBody = Type.Object({ answer: Reason }, { additionalProperties: false });
export const PaymentRequestBody = Type.Object({ reason: Reason, items: Type.Array(Text(500), { minItems: 1, maxItems: 50 }), amount: Type.Integer({ minimum: 0, maximum: 1e13, description: 'VND' }) }, { additionalProperties: false });
export const ResumeBody = Type.Object({ paymentReference: Type.Optional(Nullable(Type.String({ maxLength: 100 }))) }, { additionalProperties: false });
export const ApologyBody = Type.Object({ reason: Reason, newDueAt: Type.String({ format: 'date-time', description: 'The one new appointment (hour and date)' }) }, { additionalProperties: false });
export const ReturnBody = Type.Object({ method: ResultDelivery, note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }, { additionalProperties: false });
export const EarlyNoticeBody = Type.Object({ via: Type.Enum(['sms', 'email', 'phone', 'messaging'] as const) }, { additionalProperties: false });

export const TaskParams = Type.Object({ id: Uuid, taskId: Uuid }, { additionalProperties: false });
export const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 60, description: 'Dossier code, e.g. 001.21.45.H01-261203-0001' }) }, { additionalProperties: false });
export const SearchQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(DOSSIER_STATUSES)),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    applicantIdNumber: Type.Optional(Type.String({ pattern: '^[0-9-]{9,14}$' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
export const WorklistQuery = Type.Object(
  { view: Type.Enum(WORKLIST_VIEWS, { description: 'to_receive, mine, unassigned, due_soon (within one working day), overdue' }), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }) },
  { additionalProperties: false },
);

const Task = Type.Object({
  id: Uuid,
  stepKey: Type.String(),
  stepName: Name,
  kind: Type.Enum(['intake', 'process', 'decide', 'return', 'consult'] as const),
  stageIndex: Type.Integer(),
  branchKey: Type.String(),
  role: Type.String(),
  unitId: Uuid,
  fromUnitId: Nullable(Uuid),
  status: Type.Enum(['active', 'done', 'cancelled'] as const),
  assigneeId: Nullable(Uuid),
  startedAt: Instant,
  dueAt: Nullable(Instant),
  finishedAt: Nullable(Instant),
  timeliness: Timeliness,
  note: Nullable(Type.String()),
  question: Type.Optional(Nullable(Type.String())),
  answer: Type.Optional(Nullable(Type.String())),
});
const Applicant = Type.Object({
  kind: Type.String(),
  name: Type.String(),
  idNumber: Type.String(),
  address: Type.Optional(Nullable(Type.String())),
  phone: Type.Optional(Nullable(Type.String())),
  email: Type.Optional(Nullable(Type.String())),
  communeUnitId: Type.Optional(Nullable(Uuid)),
  representative: Type.Optional(Nullable(Type.Object({ name: Type.String(), idNumber: Type.String(), phone: Nullable(Type.String()), authorisation: Nullable(Type.String()) }))),
});

export const DossierResponse = Type.Object(
  {
    id: Uuid,
    code: Nullable(Type.String({ description: '<receiving unit identifier>-YYMMDD-NNNN' })),
    status: Type.Enum(DOSSIER_STATUSES),
    statusLabel: Name,
    nationalStatus: Nullable(Type.Integer({ description: 'TrangThaiHoSo 1–10' })),
    channel: Type.Enum(CHANNELS),
    nationalChannel: Type.Integer({ description: 'KenhThucHien: 1 in person, 2 online, 3 postal' }),
    receivingUnitId: Uuid,
    procedure: Type.Object({
      code: Type.String(),
      caseCode: Type.String(),
      versionId: Type.String(),
      name: Type.String(),
      caseName: Type.String(),
      fieldCode: Type.String(),
      fieldName: Type.String(),
      timeLimit: Type.Object({ amount: Type.Number(), unit: Type.String() }),
      noAppointmentDate: Type.Boolean(),
      cutOff: Nullable(Type.String()),
    }),
    definitionId: Nullable(Uuid),
    applicant: Applicant,
    subject: Type.String(),
    components: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), originals: Type.Integer(), copies: Type.Integer(), attachmentIds: Type.Array(Type.String()) })),
    resultDelivery: ResultDelivery,
    createdAt: Instant,
    submittedAt: Nullable(Instant),
    receivedAt: Nullable(Instant),
    receivedBy: Type.Optional(Nullable(Uuid)),
    ruleSetId: Nullable(Type.String()),
    dueAt: Nullable(Instant),
    legalDueAt: Nullable(Type.String({ format: 'date-time', description: 'The legal appointment (moved by pauses, never by the apology); timeliness is judged against it' })),
    dueExplanation: Nullable(Type.Object({ vi: Type.Array(Type.String()), en: Type.Array(Type.String()) })),
    pauses: Type.Array(Type.Object({ kind: Type.String(), from: Instant, to: Nullable(Instant), reason: Type.String(), items: Type.Array(Type.String()), amount: Type.Optional(Nullable(Type.Number())) })),
    tasks: Type.Array(Task),
    atReceipt: Nullable(Type.Object({ outcome: Type.String(), reason: Type.String(), items: Type.Array(Type.String()), at: Instant })),
    apology: Nullable(Type.Object({ reason: Type.String(), newDueAt: Instant, issuedAt: Instant, by: Type.String() })),
    decision: Nullable(Type.Object({ outcome: Type.String(), at: Instant, by: Type.String(), note: Nullable(Type.String()), documents: Type.Array(Type.Object({ name: Type.String(), number: Nullable(Type.String()), attachmentId: Nullable(Type.String()) })) })),
    resolvedAt: Nullable(Instant),
    timeliness: Timeliness,
    returnedAt: Nullable(Instant),
    returnMethod: Nullable(ResultDelivery),
    earlyReturnNotifiedAt: Nullable(Instant),
    closedReason: Nullable(Type.String()),
    paymentReference: Nullable(Type.String()),
  },
  { $id: 'Dossier', title: 'Dossier (hồ sơ)' },
);

export const DossierDetailResponse = Type.Object({
  ...DossierResponse.properties,
  isAtRisk: Type.Boolean({ description: 'Due within one working day (or overdue)' }),
  isOverdue: Type.Boolean(),
  permissions: Type.Object({
    receive: Type.Boolean(),
    returnResult: Type.Boolean(),
    apologise: Type.Boolean(),
    stopOrWithdraw: Type.Boolean(),
    resume: Type.Boolean(),
    cancel: Type.Boolean(),
    workableTaskIds: Type.Array(Type.String()),
    assignableTaskIds: Type.Array(Type.String()),
  }),
});

export const FileOnlineResponse = Type.Object({ dossier: Type.Ref('Dossier'), draftToken: Nullable(Type.String({ description: 'Keep it to edit and submit the draft (shown once)' })) });
export const DossierListResponse = Type.Object({ items: Type.Array(Type.Ref('Dossier')), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() });

export const WorklistResponse = Type.Object({
  view: Type.String(),
  total: Type.Integer(),
  counts: Type.Record(Type.String(), Type.Integer()),
  items: Type.Array(
    Type.Object({
      task: Nullable(Type.Object({ id: Uuid, name: Name, kind: Type.String(), role: Type.String(), unitId: Uuid, assigneeId: Nullable(Uuid), startedAt: Instant, dueAt: Nullable(Instant) })),
      dossier: Type.Object({ id: Uuid, code: Nullable(Type.String()), status: Type.String(), procedureName: Type.String(), applicantName: Type.String(), receivedAt: Nullable(Instant), submittedAt: Nullable(Instant), dueAt: Nullable(Instant), isAtRisk: Type.Boolean(), isOverdue: Type.Boolean() }),
    }),
  ),
});

export const EventsResponse = Type.Object({
  items: Type.Array(Type.Object({ seq: Type.Integer(), type: Type.String(), at: Instant, recordedAt: Instant, actorId: Nullable(Type.String()), unitId: Nullable(Type.String()), payload: Type.Record(Type.String(), Type.Unknown()) })),
});

export const ControlSheetResponse = Type.Object({
  code: Nullable(Type.String()),
  receivedAt: Nullable(Instant),
  dueAt: Nullable(Instant),
  legalDueAt: Nullable(Instant),
  rows: Type.Array(
    Type.Object({
      step: Name,
      kind: Type.String(),
      fromUnit: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
      toUnit: Type.Object({ id: Uuid, name: Type.String() }),
      handedOverAt: Instant,
      dueAt: Nullable(Instant),
      finishedAt: Nullable(Instant),
      result: Timeliness,
      note: Nullable(Type.String()),
    }),
  ),
});

export const PublicLookupResponse = Type.Object({
  code: Type.String(),
  procedureName: Type.String(),
  caseName: Type.String(),
  receivingUnitName: Type.String(),
  status: Type.String(),
  statusLabel: Name,
  nationalStatus: Nullable(Type.Integer()),
  nationalChannel: Type.Integer(),
  receivedAt: Nullable(Instant),
  dueAt: Nullable(Instant),
  apologyIssued: Type.Boolean(),
  resolvedAt: Nullable(Instant),
  returnedAt: Nullable(Instant),
  progress: Type.Array(Type.Object({ step: Name, unitName: Type.String(), status: Type.String(), startedAt: Instant, finishedAt: Nullable(Instant) })),
  askedOfApplicant: Nullable(Type.Object({ kind: Type.String(), items: Type.Array(Type.String()), amount: Nullable(Type.Number()), since: Instant })),
});

export const ImportQuery = Type.Object({ dryRun: Type.Boolean({ default: false, description: 'Check and report without saving' }) }, { additionalProperties: false });
export const ImportReportResponse = Type.Object({
  total: Type.Integer(),
  imported: Type.Integer(),
  alreadyImported: Type.Integer(),
  dryRun: Type.Boolean(),
  rejected: Type.Array(Type.Object({ line: Type.Integer(), code: Nullable(Type.String()), reasons: Type.Array(Type.String()) })),
});
