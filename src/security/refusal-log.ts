// Every refused request (401, 403) is recorded with who, what and when: a structured log line at once
// (by the HTTP adapter) and an `access.refused` row in the audit log. Refusals cost the refuser nothing,
// so they must not be able to flood the single write path: rows are queued and written together (one
// INSERT per flush, at most `flushMs` after the first), and at most `maxPerMinute` rows are written per
// minute — beyond that the refusals of the minute are counted and written as one `access.refused_suppressed`
// row. The log line is never suppressed. A crash loses at most the queued rows of the last `flushMs`
// (they are in the log stream already); an acknowledged write is never delayed by them.
import type { AuditEntry, AuditRepository } from '../audit/audit.repository.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { Clock } from '../time/clock.js';

export interface Refusal {
  /** Null for an anonymous request (or a citizen with a draft token). */
  readonly actorUserId: string | null;
  readonly method: string;
  /** The route pattern, e.g. `/api/v1/dossiers/:id/receive` (never the query string). */
  readonly route: string;
  readonly status: number;
  readonly code: string;
  /** Path parameters (ids and codes of the object asked for). */
  readonly params: Readonly<Record<string, string>>;
  readonly requestId: string;
}

export interface RefusalLogPolicy {
  readonly maxPerMinute: number;
  readonly flushMs: number;
}

export class RefusalLog {
  private queue: AuditEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private minuteTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private minute = -1;
  private writtenThisMinute = 0;
  private suppressed = 0;
  private suppressedMinute = -1;
  /** Refusals seen since start, written or not (for tests and metrics). */
  total = 0;

  constructor(
    private readonly uow: UnitOfWork<{ readonly audit: AuditRepository }>,
    private readonly clock: Clock,
    private readonly policy: RefusalLogPolicy,
  ) {}

  record(refusal: Refusal): void {
    this.total++;
    const now = this.clock.now();
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute !== this.minute) {
      this.queueSuppressed();
      this.minute = minute;
      this.writtenThisMinute = 0;
    }
    if (this.writtenThisMinute >= this.policy.maxPerMinute) {
      this.suppressed++;
      this.suppressedMinute = minute;
      // The count is written when the minute is over, even if no refusal comes after it.
      if (!this.minuteTimer) {
        this.minuteTimer = setTimeout(() => {
          this.minuteTimer = undefined;
          this.flush().catch(() => undefined);
        }, (minute + 1) * 60_000 - now.getTime() + this.policy.flushMs);
        this.minuteTimer.unref();
      }
      return;
    }
    this.writtenThisMinute++;
    this.queue.push({
      occurredAt: now.toISOString(),
      actorUserId: refusal.actorUserId,
      action: 'access.refused',
      entityType: 'route',
      entityId: `${refusal.method} ${refusal.route}`,
      requestId: refusal.requestId,
      details: { status: refusal.status, code: refusal.code, params: refusal.params },
    });
    this.schedule();
  }

  /** Writes what is queued (also called when the app closes, which writes the current minute's count too). */
  async flush(options: { closing?: boolean } = {}): Promise<void> {
    if (options.closing || this.minute < Math.floor(this.clock.now().getTime() / 60_000)) this.queueSuppressed();
    if (options.closing && this.minuteTimer) clearTimeout(this.minuteTimer);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    const previous = this.flushing;
    this.flushing = previous.then(async () => {
      if (batch.length > 0) await this.uow.write(({ audit }) => audit.appendMany(batch));
    });
    await this.flushing;
  }

  private queueSuppressed(): void {
    if (this.suppressed === 0) return;
    this.queue.push({
      occurredAt: new Date((this.suppressedMinute + 1) * 60_000 - 1).toISOString(),
      actorUserId: null,
      action: 'access.refused_suppressed',
      entityType: 'route',
      entityId: '*',
      requestId: null,
      details: { count: this.suppressed, minuteStarting: new Date(this.suppressedMinute * 60_000).toISOString() },
    });
    this.suppressed = 0;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A failed flush must not become an unhandled rejection: the refusals are in the log stream already.
      this.flush().catch(() => undefined);
    }, this.policy.flushMs);
    this.timer.unref();
  }
}
