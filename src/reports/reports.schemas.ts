// HTTP schemas for reports (one per endpoint: validation, types, OpenAPI).
import { Type } from 'typebox';
import { LegalDate } from '../http/schemas.js';
import { REPORT_GROUPS } from './reports.service.js';
import { FORMS } from './report-forms.js';
import { DRILL_FIGURES } from './report-drilldown.service.js';

const Count = Type.Integer();
const Rate = Type.Union([Type.Number(), Type.Null()], { description: 'Percent with 2 decimals; null when the denominator is 0' });

const ScopeProperties = {
  unitId: Type.String({ format: 'uuid', description: 'The unit reported on, with every unit below it' }),
  period: Type.Optional(Type.String({ pattern: '^\\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|6M|9M))?$', description: "A named period: '2019' (year), '2019-07' (month), '2019-Q3' (quarter), '2019-6M' / '2019-9M' (first 6 or 9 months). Or give from and to." })),
  from: Type.Optional(LegalDate('First day of the period')),
  to: Type.Optional(LegalDate('Last day of the period')),
};

export const ReportQuery = Type.Object(
  {
    ...ScopeProperties,
    groupBy: Type.Optional(Type.Enum(REPORT_GROUPS, { description: 'Rows per field, procedure, receiving unit, channel, online service level or receiving officer; none: the total only' })),
  },
  { additionalProperties: false },
);

export const Figures = Type.Object(
  {
    received: Type.Integer({ description: '(3) received: total = (4) + (5) + (6)' }),
    receivedOnline: Type.Integer({ description: '(4) of which online' }),
    receivedInPersonOrPostal: Type.Integer({ description: '(5) of which in person or by post' }),
    receivedInPerson: Count,
    receivedPostal: Count,
    carriedOver: Type.Integer({ description: '(6) carried over from the previous period' }),
    resolved: Type.Integer({ description: '(7) resolved: total = (8) + (9) + (10)' }),
    resolvedEarly: Type.Integer({ description: '(8) before the appointment' }),
    resolvedOnTime: Type.Integer({ description: '(9) on time, including dossiers withdrawn or stopped at the applicant’s request' }),
    resolvedLate: Type.Integer({ description: '(10) late' }),
    processed: Type.Integer({ description: 'Decision 766 table: resolved, returned or withdrawn (stops are counted with the paused)' }),
    processedOnTime: Count,
    refused: Count,
    withdrawn: Count,
    stopped: Count,
    inProgress: Type.Integer({ description: '(11) in progress at the end of the period = (12) + (13)' }),
    inProgressWithinTime: Type.Integer({ description: '(12) within the deadline, including those waiting for a supplement or payment' }),
    inProgressOverdue: Type.Integer({ description: '(13) overdue' }),
    pausedSupplement: Count,
    pausedPayment: Count,
    refusedAtReceipt: Count,
    returnedForCompletion: Count,
    averageResolutionDays: Type.Union([Type.Number(), Type.Null()]),
    onTimeRate: Rate,
    indicator21: Rate,
  },
  { $id: 'ReportFigures', title: 'Report figures' },
);

const Label = Type.Object({ vi: Type.String(), en: Type.String() });

export const ReportResponse = Type.Object({
  unit: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  groupBy: Type.Enum(REPORT_GROUPS),
  unitIds: Type.Array(Type.String(), { description: 'The receiving units counted: the unit’s subtree on the period’s first and last days' }),
  rows: Type.Array(Type.Object({ key: Type.String(), label: Label, figures: Type.Ref('ReportFigures') })),
  total: Type.Ref('ReportFigures'),
});

export const FormParams = Type.Object({ form: Type.Enum(Object.keys(FORMS) as Array<keyof typeof FORMS>, { description: 'ii06a: form II.06a/VPCP/KSTT; progress766: the Decision 766 progress table' }) }, { additionalProperties: false });

export const FormQuery = Type.Object(
  {
    ...ScopeProperties,
    groupBy: Type.Optional(Type.Enum(REPORT_GROUPS, { description: 'Rows per field (the default, as the form is usually filled), procedure, receiving unit, channel, online level or officer' })),
    format: Type.Optional(Type.Enum(['json', 'xlsx', 'csv'] as const, { description: 'json (default), an Excel workbook in the official layout, or CSV' })),
  },
  { additionalProperties: false },
);

export const FormResponse = Type.Object({
  form: Type.String(),
  formNumber: Type.String(),
  title: Type.String(),
  unitName: Type.String(),
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  groupBy: Type.String(),
  columns: Type.Array(Type.Object({ number: Type.Integer(), key: Type.String(), headers: Type.Array(Type.String()), figure: Type.Union([Type.String(), Type.Null()], { description: 'The figure to ask /reports/dossiers for, to list the dossiers behind a cell; null for rates' }) })),
  rows: Type.Array(Type.Object({ number: Type.Integer(), key: Type.String(), name: Type.String(), values: Type.Array(Type.Number()) })),
  total: Type.Object({ name: Type.String(), values: Type.Array(Type.Number()) }),
});

export const DrillQuery = Type.Object(
  {
    ...ScopeProperties,
    groupBy: Type.Optional(Type.Enum(REPORT_GROUPS, { description: 'The grouping of the report the number comes from' })),
    group: Type.Optional(Type.String({ maxLength: 100, description: 'The key of the row (as the report gives it); absent: the total row' })),
    figure: Type.Enum(DRILL_FIGURES, { description: 'Which number: the name of a figure of the report' }),
    format: Type.Optional(Type.Enum(['json', 'csv'] as const, { description: 'json: a page; csv: every dossier' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 }),
  },
  { additionalProperties: false },
);

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const DrillResponse = Type.Object({
  total: Type.Integer({ description: 'How many dossiers are behind the number (equal to it)' }),
  limit: Type.Integer(),
  offset: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      code: Nullable(Type.String()),
      status: Type.String(),
      statusLabel: Type.Object({ vi: Type.String(), en: Type.String() }),
      procedureCode: Type.String(),
      procedureName: Type.String(),
      fieldName: Type.String(),
      applicantName: Type.String(),
      receivingUnitId: Type.String(),
      channel: Type.String(),
      receivedAt: Nullable(Type.String()),
      legalDueAt: Nullable(Type.String()),
      dueAt: Nullable(Type.String()),
      resolvedAt: Nullable(Type.String()),
      timeliness: Nullable(Type.String()),
    }),
  ),
});

export const RankingResponse = Type.Object({
  unit: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  groupBy: Type.Enum(REPORT_GROUPS),
  items: Type.Array(Type.Object({ rank: Type.Integer({ description: 'Equal scores share a rank' }), key: Type.String(), label: Label, figures: Type.Ref('ReportFigures') })),
});

export const MonthlyResponse = Type.Object({
  items: Type.Array(Type.Object({ month: Type.String({ description: 'YYYY-MM' }), figures: Type.Ref('ReportFigures') })),
});
