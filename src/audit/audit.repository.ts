// The append-only audit log: who did what to which record, when. The database refuses updates and
// deletes (triggers in the foundation migration); this repository only appends and reads.
import type { Selectable } from 'kysely';
import { readJson, writeJson, type Executor } from '../db/database.js';
import type { AuditLogTable } from '../db/schema.js';

export type AuditAction =
  | 'unit.created'
  | 'unit.updated'
  | 'unit.moved'
  | 'unit.deleted'
  | 'calendar.created'
  | 'calendar.year_list_recorded'
  | 'units.imported'
  | 'procedure.created'
  | 'procedure.draft_created'
  | 'procedure.draft_updated'
  | 'procedure.published'
  | 'procedure.draft_deleted'
  | 'procedures.imported'
  | 'user.created'
  | 'user.roles_changed'
  | 'session.signed_in'
  | 'session.signed_out'
  | 'session.all_signed_out'
  | 'user.disabled'
  | 'user.enabled'
  | 'user.password_changed'
  | 'access.refused'
  | 'access.refused_suppressed'
  | 'process_definition.drafted'
  | 'process_definition.edited'
  | 'process_definition.published'
  | 'process_definition.draft_deleted'
  | 'job.replayed'
  | 'job.requested';

export interface AuditEntry {
  readonly occurredAt: string;
  readonly actorUserId: string | null;
  readonly action: AuditAction;
  readonly entityType: 'unit' | 'user' | 'session' | 'calendar' | 'procedure' | 'process_definition' | 'dossier' | 'route' | 'job';
  readonly entityId: string;
  readonly requestId?: string | null;
  /** What changed. Never personal data such as ID or phone numbers. */
  readonly details: Record<string, unknown>;
}

export class AuditRepository {
  constructor(private readonly db: Executor) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.appendMany([entry]);
  }

  /** Several entries in one statement (refusals are written in batches). */
  async appendMany(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db
      .insertInto('audit_log')
      .values(
        entries.map((entry) => ({
          occurred_at: entry.occurredAt,
          actor_user_id: entry.actorUserId,
          action: entry.action,
          entity_type: entry.entityType,
          entity_id: entry.entityId,
          request_id: entry.requestId ?? null,
          details: writeJson(entry.details),
        })),
      )
      .execute();
  }

  /** The latest entries with this action, newest first. */
  async listByAction(action: AuditAction, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toEntry);
  }

  async listFor(entityType: AuditEntry['entityType'], entityId: string): Promise<AuditEntry[]> {
    const rows = await this.db.selectFrom('audit_log').selectAll().where('entity_type', '=', entityType).where('entity_id', '=', entityId).orderBy('id').execute();
    return rows.map(toEntry);
  }
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    occurredAt: row.occurred_at,
    actorUserId: row.actor_user_id,
    action: row.action as AuditAction,
    entityType: row.entity_type as AuditEntry['entityType'],
    entityId: row.entity_id,
    requestId: row.request_id,
    details: readJson<Record<string, unknown>>(row.details),
  };
}
