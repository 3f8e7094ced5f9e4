// Who may change units: administrators of the unit or of any unit above it; new roots (a new
// province or ministry) only system administrators.
import { AppError } from '../errors/app-error.js';
import { holdsRoleAt, type Actor } from '../identity/roles.js';

export function canManageUnit(actor: Actor, unitChain: readonly string[]): boolean {
  return holdsRoleAt(actor, 'administrator', unitChain);
}

/** What the actor may do with a unit, returned with the unit so clients never re-derive the rules. */
export interface UnitPermissions {
  readonly update: boolean;
  readonly move: boolean;
  readonly createChild: boolean;
}

export function unitPermissions(actor: Actor | null, unitChain: readonly string[]): UnitPermissions {
  const canManage = actor !== null && canManageUnit(actor, unitChain);
  return { update: canManage, move: canManage, createChild: canManage };
}

export function requireManageUnit(actor: Actor, unitChain: readonly string[]): void {
  if (!canManageUnit(actor, unitChain)) throw new AppError('FORBIDDEN', { reason: 'not an administrator of this unit or of a unit above it' });
}

export function requireCreateRoot(actor: Actor): void {
  if (!actor.isSystemAdmin) throw new AppError('FORBIDDEN', { reason: 'only a system administrator can create a unit without a parent' });
}
