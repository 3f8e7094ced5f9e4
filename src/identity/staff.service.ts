// Staff accounts and their roles per unit, managed by administrators within their own units.
import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError } from '../errors/app-error.js';
import type { UnitsRepository } from '../units/units.repository.js';
import { vietnamDateOf, type Clock } from '../time/clock.js';
import type { IdentityRepositories, StaffProfile } from './auth.service.js';
import { normaliseUsername, staffProfile } from './auth.service.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import { holdsRoleAt, type Actor, type RoleAssignment } from './roles.js';

export interface StaffRepositories extends IdentityRepositories {
  readonly units: UnitsRepository;
}

export interface NewStaff {
  readonly username: string;
  readonly fullName: string;
  readonly password: string;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly roles: readonly RoleAssignment[];
  readonly isSystemAdmin?: boolean;
}

export class StaffService {
  constructor(
    private readonly uow: UnitOfWork<StaffRepositories>,
    private readonly clock: Clock,
  ) {}

  /** Creates an account. actor null means the operator's CLI (trusted local access). */
  async createStaff(actor: Actor | null, input: NewStaff, context: { requestId?: string } = {}): Promise<StaffProfile> {
    if (input.password.length < MIN_PASSWORD_LENGTH) throw new AppError('WEAK_PASSWORD', { field: 'password' });
    if (input.isSystemAdmin && actor && !actor.isSystemAdmin) throw new AppError('FORBIDDEN', { field: 'isSystemAdmin' });
    // An account without roles is outside every administrator's reach: only system administrators create one.
    if (actor && !actor.isSystemAdmin && input.roles.length === 0) throw new AppError('FORBIDDEN', { field: 'roles', reason: 'an account without roles can only be created by a system administrator' });
    const passwordHash = await hashPassword(input.password); // outside the write transaction: it takes ~50 ms
    const now = this.clock.now().toISOString();
    const username = normaliseUsername(input.username);
    const id = randomUUID();
    return this.uow.write(async ({ identity, audit, units }) => {
      await this.requireAdministersAll(actor, units, input.roles);
      if (await identity.findUserByUsername(username)) throw new AppError('USERNAME_TAKEN', { field: 'username' });
      await identity.insertUser({ id, username, fullName: input.fullName.normalize('NFC').trim(), email: input.email ?? null, phone: input.phone ?? null, passwordHash, isSystemAdmin: input.isSystemAdmin ?? false, now });
      for (const role of dedupe(input.roles)) await identity.addRole(randomUUID(), id, role, now);
      await audit.append({ occurredAt: now, actorUserId: actor?.userId ?? null, action: 'user.created', entityType: 'user', entityId: id, requestId: context.requestId ?? null, details: { username, roles: input.roles, isSystemAdmin: input.isSystemAdmin ?? false } });
      return { id, username, fullName: input.fullName, isSystemAdmin: input.isSystemAdmin ?? false, disabled: false, roles: dedupe(input.roles) };
    });
  }

  /** Replaces the roles the actor administers; roles in units outside the actor's reach are kept as they are. */
  async setRoles(actor: Actor, userId: string, roles: readonly RoleAssignment[], context: { requestId?: string } = {}): Promise<StaffProfile> {
    const now = this.clock.now().toISOString();
    return this.uow.write(async ({ identity, audit, units }) => {
      const user = await identity.findUserById(userId);
      if (!user) throw new AppError('USER_NOT_FOUND');
      const wanted = dedupe(roles);
      await this.requireAdministersAll(actor, units, wanted);
      const current = await identity.rolesOf(userId);
      const today = vietnamDateOf(this.clock.now());
      const removable: RoleAssignment[] = [];
      for (const role of current) {
        const chain = await units.chainOf(role.unitId, today);
        if (chain && holdsRoleAt(actor, 'administrator', chain) && !wanted.some((w) => same(w, role))) removable.push(role);
      }
      // Nothing in the actor's reach, either way: not theirs to touch (nor to read the profile of).
      if (!actor.isSystemAdmin && wanted.length === 0 && removable.length === 0) throw new AppError('FORBIDDEN', { reason: 'the account holds no role in the units you administer' });
      for (const role of removable) await identity.removeRole(userId, role);
      for (const role of wanted) if (!current.some((c) => same(c, role))) await identity.addRole(randomUUID(), userId, role, now);
      await audit.append({ occurredAt: now, actorUserId: actor.userId, action: 'user.roles_changed', entityType: 'user', entityId: userId, requestId: context.requestId ?? null, details: { removed: removable, roles: wanted } });
      return staffProfile(user, await identity.rolesOf(userId));
    });
  }

  /**
   * Disables (or enables again) an account. Disabling ends every session of it at once. The actor must
   * administer every unit where the account holds a role (a system administrator for accounts without
   * roles and for system administrators); nobody disables their own account.
   */
  async setDisabled(actor: Actor, userId: string, disabled: boolean, context: { requestId?: string } = {}): Promise<{ sessionsEnded: number }> {
    const now = this.clock.now().toISOString();
    const today = vietnamDateOf(this.clock.now());
    return this.uow.write(async ({ identity, audit, units }) => {
      const user = await identity.findUserById(userId);
      if (!user) throw new AppError('USER_NOT_FOUND');
      if (user.id === actor.userId) throw new AppError('ACCOUNT_SELF_DISABLE');
      const roles = await identity.rolesOf(userId);
      if (!actor.isSystemAdmin) {
        if (user.isSystemAdmin || roles.length === 0) throw new AppError('FORBIDDEN', { reason: 'only a system administrator can disable this account' });
        for (const role of roles) {
          const chain = await units.chainOf(role.unitId, today);
          if (!chain || !holdsRoleAt(actor, 'administrator', chain)) throw new AppError('FORBIDDEN', { reason: 'the account holds roles in units you do not administer' });
        }
      }
      await identity.setDisabled(userId, disabled ? (user.disabledAt ?? now) : null, now);
      const sessionsEnded = disabled ? await identity.deleteSessionsOf(userId) : 0;
      await audit.append({ occurredAt: now, actorUserId: actor.userId, action: disabled ? 'user.disabled' : 'user.enabled', entityType: 'user', entityId: userId, requestId: context.requestId ?? null, details: { sessionsEnded } });
      return { sessionsEnded };
    });
  }

  /** Staff with a role in a unit the actor administers (every account for a system administrator). */
  async listStaff(actor: Actor, unitId: string | undefined, limit: number, offset: number): Promise<StaffProfile[]> {
    const today = vietnamDateOf(this.clock.now());
    let unitIds: string[] | undefined;
    if (unitId) {
      const chain = await this.uow.read.units.chainOf(unitId, today);
      if (!chain) throw new AppError('UNIT_NOT_FOUND');
      if (!holdsRoleAt(actor, 'administrator', chain)) throw new AppError('FORBIDDEN');
      unitIds = (await this.uow.read.units.subtree(unitId, today)).map((u) => u.id);
    } else if (!actor.isSystemAdmin) {
      const administered = actor.roles.filter((r) => r.role === 'administrator');
      if (administered.length === 0) throw new AppError('FORBIDDEN');
      const subtrees = await Promise.all(administered.map((r) => this.uow.read.units.subtree(r.unitId, today)));
      unitIds = [...new Set(subtrees.flat().map((u) => u.id))];
    }
    const users = await this.uow.read.identity.listUsers(unitIds, limit, offset);
    const roles = await this.uow.read.identity.rolesOfUsers(users.map((u) => u.id));
    return users.map((u) => staffProfile(u, roles.get(u.id) ?? []));
  }

  private async requireAdministersAll(actor: Actor | null, units: UnitsRepository, roles: readonly RoleAssignment[]): Promise<void> {
    const today = vietnamDateOf(this.clock.now());
    for (const role of roles) {
      const chain = await units.chainOf(role.unitId, today);
      if (!chain) throw new AppError('UNIT_NOT_FOUND', { field: 'roles', unitId: role.unitId });
      if (actor && !holdsRoleAt(actor, 'administrator', chain)) throw new AppError('FORBIDDEN', { field: 'roles', unitId: role.unitId });
    }
  }
}

function same(a: RoleAssignment, b: RoleAssignment): boolean {
  return a.unitId === b.unitId && a.role === b.role;
}

function dedupe(roles: readonly RoleAssignment[]): RoleAssignment[] {
  return roles.filter((role, i) => roles.findIndex((other) => same(other, role)) === i);
}
