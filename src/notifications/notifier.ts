// The Notifier port: how a message leaves the system. The built-in adapter records it in the notifications
// outbox inside the job's completing transaction (so it is recorded exactly once) and marks it delivered to
// the outbox; a province that has an SMS or e-mail gateway plugs an adapter in here, or has a sender read
// the outbox. No network call is pretended.
import type { NotificationsRepository, OutgoingMessage } from './notifications.repository.js';

export interface Notifier {
  /** True if the message is new (a retry of the same key sends nothing). */
  send(message: OutgoingMessage): Promise<boolean>;
}

export class OutboxNotifier implements Notifier {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly now: string,
  ) {}

  send(message: OutgoingMessage): Promise<boolean> {
    return this.notifications.record(message, this.now, this.now);
  }
}
