// Who may change the procedure catalogue: the catalogue of a province is published by the chair of the
// Provincial People's Committee (Decree 63/2010; LAW.md §4.2), so only administrators of a root unit (the
// province, or a ministry) and system administrators edit it. Commune administrators cannot.
import { AppError } from '../errors/app-error.js';
import { holdsRoleAt, type Actor } from '../identity/roles.js';

/** administeredChains: for each unit where the actor is an administrator, its chain (unit first); roots have length 1. */
export function canManageCatalogue(actor: Actor, administeredChains: ReadonlyArray<readonly string[]>): boolean {
  if (actor.isSystemAdmin) return true;
  return administeredChains.some((chain) => chain.length === 1 && holdsRoleAt(actor, 'administrator', chain));
}

export function requireManageCatalogue(actor: Actor, administeredChains: ReadonlyArray<readonly string[]>): void {
  if (!canManageCatalogue(actor, administeredChains)) throw new AppError('FORBIDDEN', { reason: 'only administrators of the province (or system administrators) manage the procedure catalogue' });
}
