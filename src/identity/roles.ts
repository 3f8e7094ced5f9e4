// Staff roles, held per unit (a person may hold roles in several units).
export const ROLES = ['desk_officer', 'specialist', 'leader', 'administrator', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles that reach down the hierarchy: an administrator or supervisor of a province acts on its
 * departments and communes too. Desk officers, specialists and leaders act only in their own unit.
 */
const CASCADING_ROLES: ReadonlySet<Role> = new Set(['administrator', 'supervisor']);

export interface RoleAssignment {
  readonly unitId: string;
  readonly role: Role;
}

/** The acting user as a plain value: what every use case receives and checks first. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly isSystemAdmin: boolean;
  readonly roles: readonly RoleAssignment[];
}

/**
 * Whether the actor holds `role` for the unit whose chain is given (the unit first, then its
 * ancestors, nearest first). System administrators hold every role everywhere.
 */
export function holdsRoleAt(actor: Actor, role: Role, unitChain: readonly string[]): boolean {
  if (actor.isSystemAdmin) return true;
  const [unitId] = unitChain;
  return actor.roles.some(
    (assignment) =>
      assignment.role === role && (assignment.unitId === unitId || (CASCADING_ROLES.has(role) && unitChain.includes(assignment.unitId))),
  );
}
