// The notifications outbox: one row per message, unique by its idempotency key, so a job retried or run by
// two workers records a message once. A gateway adapter (SMS, e-mail) would send rows whose sent_at is null.
import type { Executor } from '../db/database.js';
import { timeOrderedId } from '../ids/time-ordered-id.js';

export type NotificationChannel = 'email' | 'sms' | 'console';

export interface OutgoingMessage {
  readonly idempotencyKey: string;
  readonly channel: NotificationChannel;
  readonly recipient: string;
  readonly recipientUserId: string | null;
  readonly dossierId: string | null;
  readonly subject: string;
  readonly body: string;
}

export interface RecordedNotification extends OutgoingMessage {
  readonly id: string;
  readonly createdAt: string;
  readonly sentAt: string | null;
}

export class NotificationsRepository {
  constructor(private readonly db: Executor) {}

  /** Records a message unless one with the same key exists; true if it was new. */
  async record(message: OutgoingMessage, now: string, sentAt: string | null): Promise<boolean> {
    const row = await this.db
      .insertInto('notifications')
      .values({
        id: timeOrderedId(),
        idempotency_key: message.idempotencyKey,
        channel: message.channel,
        recipient: message.recipient,
        recipient_user_id: message.recipientUserId,
        dossier_id: message.dossierId,
        subject: message.subject,
        body: message.body,
        created_at: now,
        sent_at: sentAt,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async ofDossier(dossierId: string): Promise<RecordedNotification[]> {
    const rows = await this.db.selectFrom('notifications').selectAll().where('dossier_id', '=', dossierId).orderBy('created_at').orderBy('idempotency_key').execute();
    return rows.map((r) => ({
      id: r.id,
      idempotencyKey: r.idempotency_key,
      channel: r.channel as NotificationChannel,
      recipient: r.recipient,
      recipientUserId: r.recipient_user_id,
      dossierId: r.dossier_id,
      subject: r.subject,
      body: r.body,
      createdAt: r.created_at,
      sentAt: r.sent_at,
    }));
  }
}
