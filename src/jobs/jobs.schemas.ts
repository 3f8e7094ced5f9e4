// Request and response schemas of the background-jobs administration endpoints.
import { Type } from 'typebox';

const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const JobStateSchema = Type.Enum(['queued', 'running', 'done', 'dead'] as const, { description: 'queued (waiting or waiting to retry), running (leased by a worker), done, dead (failed for good: replay it)' });

export const JobListQuery = Type.Object(
  {
    state: Type.Optional(JobStateSchema),
    kind: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'e.g. documents.issue, reports.rebuild, deadlines.check, notifications.deadline' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export const JobResponse = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  state: JobStateSchema,
  idempotencyKey: Type.String({ description: 'Unique per kind; the handler makes its effect once per key' }),
  payload: Type.Unknown({ description: 'The job\'s input as it was enqueued (kept as a snapshot when the job dies)' }),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  runAt: Instant,
  leaseOwner: Nullable(Type.String()),
  leaseExpiresAt: Nullable(Instant),
  lastError: Nullable(Type.String()),
  deadReason: Nullable(Type.String({ description: 'max_attempts, permanent_error or lease_expired' })),
  createdAt: Instant,
  updatedAt: Instant,
  finishedAt: Nullable(Instant),
});

export const JobListResponse = Type.Object({
  items: Type.Array(JobResponse),
  counts: Type.Object({ queued: Type.Integer(), running: Type.Integer(), done: Type.Integer(), dead: Type.Integer() }),
});

export const JobRequestedResponse = Type.Object({ job: JobResponse, created: Type.Boolean({ description: 'false: the same request was already queued' }) });
