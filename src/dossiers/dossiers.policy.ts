// Who may do what with a dossier. Chains are unit ids, the unit first and then its ancestors, as the
// hierarchy stands today (holdsRoleAt: administrators and supervisors reach down, others act in their unit).
import { AppError } from '../errors/app-error.js';
import { holdsRoleAt, ROLES, type Actor } from '../identity/roles.js';
import type { DossierState, Task } from './dossier.js';

export type Chains = ReadonlyMap<string, readonly string[]>;

function chainOf(chains: Chains, unitId: string): readonly string[] {
  return chains.get(unitId) ?? [unitId];
}

/** The units whose staff see a dossier: the receiving desk and every unit that had a step of it. */
export function unitsOf(state: DossierState): string[] {
  return [...new Set([state.receivingUnitId, ...state.tasks.map((t) => t.unitId)])];
}

export function canView(actor: Actor, state: DossierState, chains: Chains): boolean {
  return unitsOf(state).some((unitId) => ROLES.some((role) => holdsRoleAt(actor, role, chainOf(chains, unitId))));
}

export function requireView(actor: Actor, state: DossierState, chains: Chains): void {
  if (!canView(actor, state, chains)) throw new AppError('FORBIDDEN', { reason: 'the dossier belongs to units you do not work in' });
}

export function isDeskOfficer(actor: Actor, unitId: string, chains: Chains): boolean {
  return holdsRoleAt(actor, 'desk_officer', chainOf(chains, unitId));
}

export function requireDeskOfficer(actor: Actor, state: DossierState, chains: Chains): void {
  if (!isDeskOfficer(actor, state.receivingUnitId, chains)) throw new AppError('FORBIDDEN', { reason: 'only a desk officer of the receiving desk can do this' });
}

/** The holder of the step's role in the step's unit works on it; a task assigned to someone else stays theirs. */
export function canWorkOn(actor: Actor, task: Task, chains: Chains): boolean {
  if (!holdsRoleAt(actor, task.role, chainOf(chains, task.unitId))) return false;
  return task.assigneeId === null || task.assigneeId === actor.userId || holdsRoleAt(actor, 'leader', chainOf(chains, task.unitId));
}

export function requireWorkOn(actor: Actor, task: Task, chains: Chains): void {
  if (!canWorkOn(actor, task, chains)) throw new AppError('FORBIDDEN', { reason: 'this step belongs to another unit, role or person' });
}

/** Leaders of a unit assign its steps to their staff. */
export function canAssign(actor: Actor, task: Task, chains: Chains): boolean {
  return holdsRoleAt(actor, 'leader', chainOf(chains, task.unitId));
}

/** Processing staff (an active step's unit and role) may ask for supplements, payment or an opinion. */
export function requireWorkingOnDossier(actor: Actor, state: DossierState, chains: Chains): void {
  const ok = state.tasks.some((t) => t.status === 'active' && t.kind !== 'return' && t.kind !== 'consult' && canWorkOn(actor, t, chains));
  if (!ok) throw new AppError('FORBIDDEN', { reason: 'only the staff working on a current step of the dossier can do this' });
}

/** The leader of a unit working on the dossier issues the apology (LAW.md §1.6). */
export function requireLeaderOnDossier(actor: Actor, state: DossierState, chains: Chains): void {
  const units = new Set(state.tasks.filter((t) => t.status === 'active' && t.kind !== 'consult').map((t) => t.unitId));
  units.add(state.receivingUnitId);
  if (![...units].some((unitId) => holdsRoleAt(actor, 'leader', chainOf(chains, unitId)))) {
    throw new AppError('FORBIDDEN', { reason: 'only a leader of a unit processing the dossier can do this' });
  }
}

/** A numbered dossier entered by mistake is cancelled by an administrator of the receiving desk (or above). */
export function requireAdministrator(actor: Actor, state: DossierState, chains: Chains): void {
  if (!holdsRoleAt(actor, 'administrator', chainOf(chains, state.receivingUnitId))) throw new AppError('FORBIDDEN', { reason: 'only an administrator of the receiving desk can cancel a dossier' });
}

/** What the actor may do with the dossier now, returned with it so the UI never re-derives the rules. */
export interface DossierPermissions {
  readonly receive: boolean;
  readonly returnResult: boolean;
  readonly apologise: boolean;
  readonly stopOrWithdraw: boolean;
  readonly resume: boolean;
  readonly cancel: boolean;
  /** Ids of the active steps this actor can complete, send back or consult from. */
  readonly workableTaskIds: readonly string[];
  readonly assignableTaskIds: readonly string[];
}
