// SQL for staff accounts, their roles and their sessions.
import { sql, type Selectable } from 'kysely';
import type { Dialect, Executor } from '../db/database.js';
import { PreparedQuery, type Param } from '../db/prepared.js';
import type { UsersTable } from '../db/schema.js';
import type { Role, RoleAssignment } from './roles.js';

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly fullName: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly passwordHash: string;
  readonly isSystemAdmin: boolean;
  readonly disabledAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type NewUser = Omit<UserRecord, 'disabledAt' | 'createdAt' | 'updatedAt'> & { readonly now: string };

type UserRow = Selectable<UsersTable>;

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    email: row.email,
    phone: row.phone,
    passwordHash: row.password_hash,
    isSystemAdmin: Number(row.is_system_admin) === 1,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// Read on every authenticated request, in one statement (the user's roles as JSON, in the order rolesOf gives),
// compiled once (src/db/prepared.ts).
function sessionActorQuery(dialect: Dialect) {
  return new PreparedQuery((db, param: Param<'tokenHash'>) =>
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select(['sessions.expires_at as session_expires_at', 'sessions.last_seen_at as session_last_seen_at'])
      .select(
        (dialect === 'postgres'
          ? sql<string>`(select coalesce(json_agg(json_build_array(r.unit_id, r.role) order by r.unit_id, r.role)::text, '[]') from role_assignments r where r.user_id = users.id)`
          : sql<string>`(select coalesce(json_group_array(json_array(r.unit_id, r.role)), '[]') from (select unit_id, role from role_assignments where user_id = users.id order by unit_id, role) r)`
        ).as('roles_json'),
      )
      .where('sessions.token_hash', '=', param('tokenHash')),
  );
}
const sessionActor = { postgres: sessionActorQuery('postgres'), sqlite: sessionActorQuery('sqlite') };
const rolesOfUser = new PreparedQuery((db, param: Param<'userId'>) =>
  db.selectFrom('role_assignments').select(['unit_id', 'role']).where('user_id', '=', param('userId')).orderBy('unit_id').orderBy('role'),
);

export class IdentityRepository {
  constructor(
    private readonly db: Executor,
    private readonly dialect: Dialect,
  ) {}

  async findUserByUsername(username: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return row && toUser(row);
  }

  async findUserById(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  async countUsers(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Users holding at least one role in one of the given units (or every user when unitIds is undefined). */
  async listUsers(unitIds: readonly string[] | undefined, limit: number, offset: number): Promise<UserRecord[]> {
    let query = this.db.selectFrom('users').selectAll('users');
    if (unitIds) {
      if (unitIds.length === 0) return [];
      query = query.where('id', 'in', (eb) => eb.selectFrom('role_assignments').select('user_id').where('unit_id', 'in', [...unitIds]));
    }
    const rows = await query.orderBy('username').limit(limit).offset(offset).execute();
    return rows.map(toUser);
  }

  async insertUser(user: NewUser): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: user.id,
        username: user.username,
        full_name: user.fullName,
        email: user.email,
        phone: user.phone,
        password_hash: user.passwordHash,
        is_system_admin: user.isSystemAdmin ? 1 : 0,
        disabled_at: null,
        created_at: user.now,
        updated_at: user.now,
      })
      .execute();
  }

  async rolesOf(userId: string): Promise<RoleAssignment[]> {
    const { rows } = await rolesOfUser.execute(this.db, { userId });
    return rows.map((r) => ({ unitId: r.unit_id, role: r.role as Role }));
  }

  async rolesOfUsers(userIds: readonly string[]): Promise<Map<string, RoleAssignment[]>> {
    const result = new Map<string, RoleAssignment[]>();
    if (userIds.length === 0) return result;
    const rows = await this.db.selectFrom('role_assignments').select(['user_id', 'unit_id', 'role']).where('user_id', 'in', [...userIds]).execute();
    for (const row of rows) {
      const list = result.get(row.user_id) ?? [];
      list.push({ unitId: row.unit_id, role: row.role as Role });
      result.set(row.user_id, list);
    }
    return result;
  }

  async addRole(id: string, userId: string, assignment: RoleAssignment, now: string): Promise<void> {
    await this.db.insertInto('role_assignments').values({ id, user_id: userId, unit_id: assignment.unitId, role: assignment.role, created_at: now }).execute();
  }

  async removeRole(userId: string, assignment: RoleAssignment): Promise<void> {
    await this.db
      .deleteFrom('role_assignments')
      .where('user_id', '=', userId)
      .where('unit_id', '=', assignment.unitId)
      .where('role', '=', assignment.role)
      .execute();
  }

  async insertSession(tokenHash: string, userId: string, now: string, expiresAt: string): Promise<void> {
    await this.db.insertInto('sessions').values({ token_hash: tokenHash, user_id: userId, created_at: now, expires_at: expiresAt, last_seen_at: now }).execute();
  }

  async findSession(tokenHash: string): Promise<{ userId: string; expiresAt: string; lastSeenAt: string } | undefined> {
    const row = await this.db.selectFrom('sessions').select(['user_id', 'expires_at', 'last_seen_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && { userId: row.user_id, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at };
  }

  /** A session with its user and the user's roles, in one read (every authenticated request does it). */
  async findSessionActor(tokenHash: string): Promise<{ session: { userId: string; expiresAt: string; lastSeenAt: string }; user: UserRecord; roles: RoleAssignment[] } | undefined> {
    const [row] = (await sessionActor[this.dialect].execute(this.db, { tokenHash })).rows;
    if (!row) return undefined;
    const { session_expires_at: expiresAt, session_last_seen_at: lastSeenAt, roles_json: rolesJson, ...user } = row;
    const roles = (JSON.parse(rolesJson) as Array<[string, string]>).map(([unitId, role]) => ({ unitId, role: role as Role }));
    return { session: { userId: user.id, expiresAt, lastSeenAt }, user: toUser(user), roles };
  }

  /** Records activity (for the idle timeout); the absolute expiry never moves. */
  async touchSession(tokenHash: string, now: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Removes the user's sessions past their absolute expiry or idle since before idleSince. */
  async deleteExpiredSessions(userId: string, now: string, idleSince: string): Promise<void> {
    await this.db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', idleSince)]))
      .execute();
  }

  /** Ends every session of the user; returns how many there were. */
  async deleteSessionsOf(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async setDisabled(userId: string, disabledAt: string | null, now: string): Promise<void> {
    await this.db.updateTable('users').set({ disabled_at: disabledAt, updated_at: now }).where('id', '=', userId).execute();
  }

  async setPasswordHash(userId: string, passwordHash: string, now: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', userId).execute();
  }
}
