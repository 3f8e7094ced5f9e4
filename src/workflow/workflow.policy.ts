// Who may define processes: a system administrator, or an administrator of a root unit (a province or
// a ministry) — process definitions apply to every desk and agency of the province.
import { AppError } from '../errors/app-error.js';
import type { Actor } from '../identity/roles.js';

/** rootUnitIds: the units without a parent today, among those the actor administers. */
export function canAdministerProcesses(actor: Actor, administeredRootIds: readonly string[]): boolean {
  return actor.isSystemAdmin || administeredRootIds.length > 0;
}

export function requireAdministerProcesses(actor: Actor, administeredRootIds: readonly string[]): void {
  if (!canAdministerProcesses(actor, administeredRootIds)) throw new AppError('FORBIDDEN', { reason: 'process definitions are managed by the administrators of the province' });
}
