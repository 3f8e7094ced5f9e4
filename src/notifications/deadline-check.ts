// The scheduled deadline check: every hour one `deadlines.check` job finds the dossiers being processed whose
// appointment is within one working day or past, and enqueues one `notifications.deadline` job per dossier,
// day and kind (due soon / overdue) — its idempotency key — so a dossier is reminded at most once a day per
// kind however many checks or nodes run. Each check enqueues the next hour's under the key of that hour's
// slot, so two nodes can never schedule it twice; any node's worker start enqueues the current slot.
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { DossiersRepository } from '../dossiers/dossiers.repository.js';
import type { DossierState } from '../dossiers/dossier.js';
import type { IdentityRepository } from '../identity/identity.repository.js';
import type { EnqueueRequest } from '../jobs/job.js';
import type { JobRepositories } from '../jobs/job-queue.js';
import type { JobHandler } from '../jobs/job-worker.js';
import { PermanentJobError } from '../jobs/job.js';
import { vietnamDateOf, type Clock } from '../time/clock.js';
import type { UnitsRepository } from '../units/units.repository.js';
import type { NotificationsRepository, OutgoingMessage } from './notifications.repository.js';
import { OutboxNotifier } from './notifier.js';

export const DEADLINE_CHECK_JOB = 'deadlines.check';
export const DEADLINE_NOTICE_JOB = 'notifications.deadline';

const HOUR_MS = 3_600_000;
/** Candidates per check: far above a province's dossiers due on one day. */
const MAX_PER_CHECK = 50_000;

export interface DeadlineRepositories extends JobRepositories {
  readonly dossiers: DossiersRepository;
  readonly identity: IdentityRepository;
  readonly units: UnitsRepository;
  readonly notifications: NotificationsRepository;
}

export type NoticeKind = 'due_soon' | 'overdue';

export interface DeadlineNoticePayload {
  readonly dossierId: string;
  readonly kind: NoticeKind;
  readonly day: string;
}

/** The check of the hour that contains `instant` (keyed by the hour, run at its start). */
export function deadlineCheckRequest(instant: Date): EnqueueRequest {
  const slot = new Date(Math.floor(instant.getTime() / HOUR_MS) * HOUR_MS).toISOString();
  return { kind: DEADLINE_CHECK_JOB, payload: { slot }, idempotencyKey: slot, runAt: slot, maxAttempts: 3 };
}

function dateText(instant: string): string {
  const d = new Date(Date.parse(instant) + 7 * HOUR_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ngày ${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** The message in Vietnamese (the officers' language); the dossier code and appointment say what to act on. */
export function noticeText(kind: NoticeKind, state: DossierState): { subject: string; body: string } {
  const code = state.code ?? state.id;
  const due = state.dueAt ? dateText(state.dueAt) : '';
  if (kind === 'overdue') {
    return {
      subject: `Hồ sơ ${code} đã quá hạn giải quyết`,
      body: `Hồ sơ ${code} (${state.procedure.name}) đã quá hạn trả kết quả lúc ${due}. Đề nghị xử lý ngay và lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) gửi người nộp hồ sơ.`,
    };
  }
  return {
    subject: `Hồ sơ ${code} sắp đến hạn giải quyết`,
    body: `Hồ sơ ${code} (${state.procedure.name}) đến hạn trả kết quả lúc ${due}, còn dưới 1 ngày làm việc. Đề nghị hoàn thành bước đang xử lý đúng hạn.`,
  };
}

export class DeadlineCheck {
  constructor(
    private readonly uow: UnitOfWork<DeadlineRepositories>,
    private readonly clock: Clock,
    private readonly oneWorkingDayFrom: (instant: Date) => Promise<string>,
  ) {}

  /** Enqueues the current hour's check unless it exists (every worker start; idempotent across nodes). */
  async ensureScheduled(): Promise<void> {
    const now = this.clock.now();
    await this.uow.write((repos) => repos.jobs.enqueue(deadlineCheckRequest(now), now.toISOString()));
  }

  readonly checkHandler: JobHandler<DeadlineRepositories> = async (context) => {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const threshold = await this.oneWorkingDayFrom(now);
    const due = await this.uow.read.dossiers.dueBy(threshold, MAX_PER_CHECK);
    const day = vietnamDateOf(now);
    await context.completeWith(async (repos) => {
      for (const dossier of due) {
        const kind: NoticeKind = dossier.dueAt < nowIso ? 'overdue' : 'due_soon';
        const payload: DeadlineNoticePayload = { dossierId: dossier.id, kind, day };
        await repos.jobs.enqueue({ kind: DEADLINE_NOTICE_JOB, payload, idempotencyKey: `${dossier.id}:${day}:${kind}` }, nowIso);
      }
      // The next check: the slot after this job's own (or after now, if this one ran late).
      const slot = (context.job.payload as { slot?: string }).slot;
      const after = Math.max(now.getTime(), slot ? Date.parse(slot) : 0);
      await repos.jobs.enqueue(deadlineCheckRequest(new Date(Math.floor(after / HOUR_MS) * HOUR_MS + HOUR_MS)), nowIso);
    });
  };

  /** One reminder: to the officers holding the dossier's active steps, else to its receiving desk. */
  readonly noticeHandler: JobHandler<DeadlineRepositories> = async (context) => {
    const { dossierId, kind } = context.job.payload as DeadlineNoticePayload;
    const stored = await this.uow.read.dossiers.find(dossierId);
    if (!stored) throw new PermanentJobError(`dossier ${dossierId} not found`);
    const state = stored.state;
    // Resolved or paused meanwhile: nothing to remind of.
    if (!['received', 'processing'].includes(state.status) || !state.dueAt) return;
    const text = noticeText(kind, state);
    const messages: OutgoingMessage[] = [];
    const assignees = [...new Set(state.tasks.filter((t) => t.status === 'active' && t.assigneeId).map((t) => t.assigneeId!))];
    for (const userId of assignees) {
      const user = await this.uow.read.identity.findUserById(userId);
      if (!user) continue;
      const channel = user.email ? 'email' : user.phone ? 'sms' : 'console';
      const recipient = user.email ?? user.phone ?? user.username;
      messages.push({ idempotencyKey: `${context.idempotencyKey}:user:${userId}`, channel, recipient, recipientUserId: userId, dossierId, ...text });
    }
    if (messages.length === 0) {
      const unit = await this.uow.read.units.findById(state.receivingUnitId, vietnamDateOf(this.clock.now()));
      const channel = unit?.email ? 'email' : unit?.phone ? 'sms' : 'console';
      const recipient = unit?.email ?? unit?.phone ?? `unit:${state.receivingUnitId}`;
      messages.push({ idempotencyKey: `${context.idempotencyKey}:unit:${state.receivingUnitId}`, channel, recipient, recipientUserId: null, dossierId, ...text });
    }
    const now = this.clock.now().toISOString();
    await context.completeWith(async (repos) => {
      const notifier = new OutboxNotifier(repos.notifications, now);
      for (const message of messages) await notifier.send(message);
    });
  };
}
