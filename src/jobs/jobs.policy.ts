// Who administers background jobs: system administrators only. Dead jobs carry payloads (dossier ids,
// recipients) and replaying one repeats work across every unit, so no unit-level role reaches them.
import { AppError } from '../errors/app-error.js';
import type { Actor } from '../identity/roles.js';

export function canAdministerJobs(actor: Actor): boolean {
  return actor.isSystemAdmin;
}

export function requireJobAdministrator(actor: Actor): void {
  if (!canAdministerJobs(actor)) throw new AppError('FORBIDDEN', { reason: 'background jobs are administered by system administrators' });
}
