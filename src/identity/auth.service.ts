// Staff sign-in with server-side sessions stored in the database.
import type { AuditRepository } from '../audit/audit.repository.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError } from '../errors/app-error.js';
import type { Clock } from '../time/clock.js';
import type { IdentityRepository, UserRecord } from './identity.repository.js';
import { verifyPassword } from './passwords.js';
import type { Actor, RoleAssignment } from './roles.js';
import { hashSessionToken, newSessionToken } from './session-tokens.js';

export interface IdentityRepositories {
  readonly identity: IdentityRepository;
  readonly audit: AuditRepository;
}

export interface SessionPolicy {
  readonly ttlHours: number;
}

/** Sliding expiry is refreshed at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export interface StaffProfile {
  readonly id: string;
  readonly username: string;
  readonly fullName: string;
  readonly isSystemAdmin: boolean;
  readonly roles: readonly RoleAssignment[];
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
    await this.uow.write(async ({ identity, audit }) => {
      await identity.deleteExpiredSessions(user.id, now.toISOString());
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

  /** The actor behind a session token, or null when the token is unknown, expired or the account disabled. */
  async authenticate(token: string): Promise<Actor | null> {
    const tokenHash = hashSessionToken(token);
    const session = await this.uow.read.identity.findSession(tokenHash);
    const now = this.clock.now();
    if (!session || session.expiresAt <= now.toISOString()) return null;
    const user = await this.uow.read.identity.findUserById(session.userId);
    if (!user || user.disabledAt) return null;
    if (now.getTime() - Date.parse(session.lastSeenAt) > TOUCH_INTERVAL_MS) {
      const expiresAt = new Date(now.getTime() + this.policy.ttlHours * 3600_000).toISOString();
      await this.uow.write(({ identity }) => identity.touchSession(tokenHash, now.toISOString(), expiresAt));
    }
    const roles = await this.uow.read.identity.rolesOf(user.id);
    return { userId: user.id, username: user.username, isSystemAdmin: user.isSystemAdmin, roles };
  }

  async profile(actor: Actor): Promise<StaffProfile> {
    const user = await this.uow.read.identity.findUserById(actor.userId);
    if (!user) throw new AppError('UNAUTHENTICATED');
    return this.profileOf(user);
  }

  private async profileOf(user: UserRecord): Promise<StaffProfile> {
    const roles = await this.uow.read.identity.rolesOf(user.id);
    return { id: user.id, username: user.username, fullName: user.fullName, isSystemAdmin: user.isSystemAdmin, roles };
  }
}

export function normaliseUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}
