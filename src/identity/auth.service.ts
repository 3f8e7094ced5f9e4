// Staff sign-in with server-side sessions stored in the database.
import type { AuditRepository } from '../audit/audit.repository.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError } from '../errors/app-error.js';
import type { Clock } from '../time/clock.js';
import type { IdentityRepository, UserRecord } from './identity.repository.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import type { Actor, RoleAssignment } from './roles.js';
import { hashSessionToken, newSessionToken } from './session-tokens.js';

export interface IdentityRepositories {
  readonly identity: IdentityRepository;
  readonly audit: AuditRepository;
}

/**
 * Session policy: a session ends `ttlHours` after sign-in however active it is (absolute timeout), or
 * after `idleMinutes` without a request (idle timeout), whichever comes first. Every sign-in gets a new
 * token; signing out ends that session, "sign out everywhere", disabling the account and changing the
 * password end all of them.
 */
export interface SessionPolicy {
  readonly ttlHours: number;
  readonly idleMinutes: number;
}

/**
 * Activity is recorded at most this often (a tenth of the idle timeout, at most a minute), so reads do not
 * all turn into writes; the idle timeout is therefore honoured to within that interval.
 */
function touchIntervalMs(policy: SessionPolicy): number {
  return Math.min(60_000, (policy.idleMinutes * 60_000) / 10);
}

export interface StaffProfile {
  readonly id: string;
  readonly username: string;
  readonly fullName: string;
  readonly isSystemAdmin: boolean;
  /** Disabled by an administrator: cannot sign in. */
  readonly disabled: boolean;
  readonly roles: readonly RoleAssignment[];
}

/** What the API shows of a staff member: the account and its roles. */
export function staffProfile(user: UserRecord, roles: readonly RoleAssignment[]): StaffProfile {
  return { id: user.id, username: user.username, fullName: user.fullName, isSystemAdmin: user.isSystemAdmin, disabled: user.disabledAt !== null, roles };
}

export class AuthService {
  constructor(
    private readonly uow: UnitOfWork<IdentityRepositories>,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy,
  ) {}

  /** Returns a new session token (for the cookie) and the profile, or throws INVALID_CREDENTIALS. */
  async login(username: string, password: string, context: { requestId?: string } = {}): Promise<{ token: string; expiresAt: Date; profile: StaffProfile }> {
    const user = await this.uow.read.identity.findUserByUsername(normaliseUsername(username));
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok || user.disabledAt) throw new AppError('INVALID_CREDENTIALS');
    const token = newSessionToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.policy.ttlHours * 3600_000);
    const idleSince = new Date(now.getTime() - this.policy.idleMinutes * 60_000).toISOString();
    await this.uow.write(async ({ identity, audit }) => {
      await identity.deleteExpiredSessions(user.id, now.toISOString(), idleSince);
      await identity.insertSession(hashSessionToken(token), user.id, now.toISOString(), expiresAt.toISOString());
      await audit.append({ occurredAt: now.toISOString(), actorUserId: user.id, action: 'session.signed_in', entityType: 'user', entityId: user.id, requestId: context.requestId ?? null, details: {} });
    });
    return { token, expiresAt, profile: await this.profileOf(user) };
  }

  async logout(token: string, context: { requestId?: string } = {}): Promise<void> {
    const tokenHash = hashSessionToken(token);
    const session = await this.uow.read.identity.findSession(tokenHash);
    if (!session) return;
    const now = this.clock.now().toISOString();
    await this.uow.write(async ({ identity, audit }) => {
      await identity.deleteSession(tokenHash);
      await audit.append({ occurredAt: now, actorUserId: session.userId, action: 'session.signed_out', entityType: 'user', entityId: session.userId, requestId: context.requestId ?? null, details: {} });
    });
  }

  /** Ends every session of the signed-in user (sign out everywhere); returns how many ended. */
  async logoutEverywhere(actor: Actor, context: { requestId?: string } = {}): Promise<number> {
    const now = this.clock.now().toISOString();
    return this.uow.write(async ({ identity, audit }) => {
      const ended = await identity.deleteSessionsOf(actor.userId);
      await audit.append({ occurredAt: now, actorUserId: actor.userId, action: 'session.all_signed_out', entityType: 'user', entityId: actor.userId, requestId: context.requestId ?? null, details: { sessions: ended } });
      return ended;
    });
  }

  /**
   * Changes one's own password after checking the current one. Every session of the account ends (a
   * stolen session dies with the old password) and a new one is returned for the device that asked.
   */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, context: { requestId?: string } = {}): Promise<{ token: string; expiresAt: Date }> {
    const user = await this.uow.read.identity.findUserById(actor.userId);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) throw new AppError('INVALID_CREDENTIALS');
    if (newPassword.length < MIN_PASSWORD_LENGTH) throw new AppError('WEAK_PASSWORD', { field: 'newPassword' });
    const passwordHash = await hashPassword(newPassword); // outside the write transaction
    const token = newSessionToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.policy.ttlHours * 3600_000);
    await this.uow.write(async ({ identity, audit }) => {
      await identity.setPasswordHash(user.id, passwordHash, now.toISOString());
      const ended = await identity.deleteSessionsOf(user.id);
      await identity.insertSession(hashSessionToken(token), user.id, now.toISOString(), expiresAt.toISOString());
      await audit.append({ occurredAt: now.toISOString(), actorUserId: user.id, action: 'user.password_changed', entityType: 'user', entityId: user.id, requestId: context.requestId ?? null, details: { sessionsEnded: ended } });
    });
    return { token, expiresAt };
  }

  /** The actor behind a session token, or null when the token is unknown, expired, idle too long or the account disabled. */
  async authenticate(token: string): Promise<Actor | null> {
    const tokenHash = hashSessionToken(token);
    const found = await this.uow.read.identity.findSessionActor(tokenHash);
    const now = this.clock.now();
    if (!found || found.session.expiresAt <= now.toISOString()) return null;
    const { session, user, roles } = found;
    const idleMs = now.getTime() - Date.parse(session.lastSeenAt);
    if (idleMs > this.policy.idleMinutes * 60_000) return null;
    if (user.disabledAt) return null;
    if (idleMs > touchIntervalMs(this.policy)) {
      await this.uow.write(({ identity }) => identity.touchSession(tokenHash, now.toISOString()));
    }
    return { userId: user.id, username: user.username, isSystemAdmin: user.isSystemAdmin, roles };
  }

  async profile(actor: Actor): Promise<StaffProfile> {
    const user = await this.uow.read.identity.findUserById(actor.userId);
    if (!user) throw new AppError('UNAUTHENTICATED');
    return this.profileOf(user);
  }

  private async profileOf(user: UserRecord): Promise<StaffProfile> {
    return staffProfile(user, await this.uow.read.identity.rolesOf(user.id));
  }
}

export function normaliseUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}
