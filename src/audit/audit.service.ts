// Reading the audit log (administration and tests); writing happens inside each use case's transaction.
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { AuditAction, AuditEntry, AuditRepository } from './audit.repository.js';

export class AuditService {
  constructor(private readonly uow: UnitOfWork<{ readonly audit: AuditRepository }>) {}

  listFor(entityType: AuditEntry['entityType'], entityId: string): Promise<AuditEntry[]> {
    return this.uow.read.audit.listFor(entityType, entityId);
  }

  latest(action: AuditAction, limit = 100): Promise<AuditEntry[]> {
    return this.uow.read.audit.listByAction(action, limit);
  }
}
