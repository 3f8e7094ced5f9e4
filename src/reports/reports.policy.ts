// Who may see a unit's statistics and the dossiers behind them: supervisors and administrators of the unit
// or of a unit above it (the internal-affairs office of the province sees every commune), and the leaders
// of the unit itself. The lists behind the numbers carry applicants' names, so the same rule guards them.
import { AppError } from '../errors/app-error.js';
import { holdsRoleAt, type Actor } from '../identity/roles.js';

export function canViewReports(actor: Actor, unitChain: readonly string[]): boolean {
  return holdsRoleAt(actor, 'supervisor', unitChain) || holdsRoleAt(actor, 'administrator', unitChain) || holdsRoleAt(actor, 'leader', unitChain);
}

export function requireViewReports(actor: Actor, unitChain: readonly string[]): void {
  if (!canViewReports(actor, unitChain)) throw new AppError('FORBIDDEN', { reason: 'reports of a unit are for its leaders and for supervisors or administrators of it or of a unit above it' });
}
