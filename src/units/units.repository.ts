// SQL for units and their parent links over time. Dates are 'YYYY-MM-DD' on both dialects.
import { sql, type ExpressionBuilder } from 'kysely';
import { readJson, writeJson, type Executor } from '../db/database.js';
import type { DB } from '../db/schema.js';
import type { OfficeHoursSession, Unit, UnitType } from './unit.js';

export interface UnitListFilter {
  readonly onDate: string;
  readonly includeClosed: boolean;
  readonly parentId?: string;
  readonly type?: UnitType;
  /** Already lowercased and stripped of diacritics. */
  readonly search?: string;
  readonly limit: number;
  readonly offset: number;
}

/** What a repository writes for a unit: the unit's own attributes (its parent is a link) and its search text. */
export type UnitRecordInput = Omit<Unit, 'parentId' | 'version' | 'createdAt' | 'updatedAt'> & { readonly searchText: string };

export interface ParentLink {
  readonly id: string;
  readonly unitId: string;
  readonly parentId: string;
  readonly validFrom: string;
  readonly validTo: string | null;
}

/**
 * The office hours in force on a date: the latest change from that date or before, else the initial hours.
 * Written as one SQL fragment: building it with the expression builder cost more than running it.
 */
function officeHoursInForce(onDate: string) {
  return sql<unknown>`coalesce((select c.sessions from unit_office_hours_changes c where c.unit_id = units.id and c.valid_from <= ${onDate} order by c.valid_from desc limit 1), units.office_hours)`.as(
    'office_hours_in_force',
  );
}

/** Links in force on a date: valid_from <= date <= valid_to (an open end is in force). */
function linkInForce(onDate: string) {
  return (eb: ExpressionBuilder<DB, 'unit_parent_links'>) =>
    eb.and([eb('unit_parent_links.valid_from', '<=', onDate), eb.or([eb('unit_parent_links.valid_to', 'is', null), eb('unit_parent_links.valid_to', '>=', onDate)])]);
}

const MAX_DEPTH = 32;

export class UnitsRepository {
  constructor(private readonly db: Executor) {}

  private selectUnits(onDate: string) {
    return this.db
      .selectFrom('units')
      .leftJoin('unit_parent_links', (join) => join.onRef('unit_parent_links.unit_id', '=', 'units.id').on(linkInForce(onDate)))
      .selectAll('units')
      .select(['unit_parent_links.parent_id as parent_id', officeHoursInForce(onDate)]);
  }

  /** Office hours from `validFrom` on (a correction of the same day replaces that day's schedule). */
  async setOfficeHoursFrom(unitId: string, validFrom: string, sessions: readonly OfficeHoursSession[], now: string): Promise<void> {
    await this.db
      .insertInto('unit_office_hours_changes')
      .values({ unit_id: unitId, valid_from: validFrom, sessions: writeJson(sessions), recorded_at: now })
      .onConflict((oc) => oc.columns(['unit_id', 'valid_from']).doUpdateSet({ sessions: writeJson(sessions), recorded_at: now }))
      .execute();
  }

  /** The schedules of a unit: the one it started with, then each change. */
  async officeHoursHistory(unitId: string): Promise<Array<{ validFrom: string; sessions: OfficeHoursSession[] }>> {
    const unit = await this.db.selectFrom('units').select(['valid_from', 'office_hours']).where('id', '=', unitId).executeTakeFirst();
    if (!unit) return [];
    const changes = await this.db.selectFrom('unit_office_hours_changes').select(['valid_from', 'sessions']).where('unit_id', '=', unitId).orderBy('valid_from').execute();
    return [{ validFrom: unit.valid_from, sessions: readJson(unit.office_hours) }, ...changes.map((c) => ({ validFrom: c.valid_from, sessions: readJson<OfficeHoursSession[]>(c.sessions) }))];
  }

  async findById(id: string, onDate: string): Promise<Unit | undefined> {
    const row = await this.selectUnits(onDate).where('units.id', '=', id).executeTakeFirst();
    return row && toUnit(row);
  }

  /** Names of units by id, in one query (a unit's name is not dated: the same as findById's on any date). */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids.slice(i, i + 500)).execute();
      for (const row of rows) result.set(row.id, row.name);
    }
    return result;
  }

  async findIdsByCodes(codes: readonly string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    for (let i = 0; i < codes.length; i += 500) {
      const rows = await this.db.selectFrom('units').select(['id', 'code']).where('code', 'in', codes.slice(i, i + 500)).execute();
      for (const row of rows) result.set(row.code, row.id);
    }
    return result;
  }

  async codeExists(code: string, exceptId?: string): Promise<boolean> {
    let query = this.db.selectFrom('units').select('id').where('code', '=', code);
    if (exceptId) query = query.where('id', '!=', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  }

  async list(filter: UnitListFilter): Promise<{ items: Unit[]; total: number }> {
    let query = this.selectUnits(filter.onDate);
    if (!filter.includeClosed) {
      query = query.where('units.valid_from', '<=', filter.onDate).where((eb) => eb.or([eb('units.valid_to', 'is', null), eb('units.valid_to', '>=', filter.onDate)]));
    }
    if (filter.parentId) query = query.where('unit_parent_links.parent_id', '=', filter.parentId);
    if (filter.type) query = query.where('units.type', '=', filter.type);
    if (filter.search) query = query.where(sql<boolean>`units.search_text like ${`%${escapeLike(filter.search)}%`} escape '\\'`);
    const total = await query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query.orderBy('units.code').limit(filter.limit).offset(filter.offset).execute();
    return { items: rows.map(toUnit), total: Number(total.n) };
  }

  async insert(unit: UnitRecordInput, now: string): Promise<void> {
    await this.db
      .insertInto('units')
      .values({ ...toRow(unit), id: unit.id, version: 1, created_at: now, updated_at: now })
      .execute();
  }

  /** Updates when the stored version is expectedVersion; returns false on a version conflict. */
  async update(unit: UnitRecordInput, expectedVersion: number, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('units')
      .set({ ...withoutInitialOfficeHours(toRow(unit)), version: expectedVersion + 1, updated_at: now })
      .where('id', '=', unit.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async bumpVersion(id: string, now: string): Promise<void> {
    await this.db.updateTable('units').set((eb) => ({ version: eb('version', '+', 1), updated_at: now })).where('id', '=', id).execute();
  }

  async insertParentLink(link: ParentLink): Promise<void> {
    await this.db
      .insertInto('unit_parent_links')
      .values({ id: link.id, unit_id: link.unitId, parent_id: link.parentId, valid_from: link.validFrom, valid_to: link.validTo })
      .execute();
  }

  /** The most recent parent link of a unit (the one a move closes). */
  async latestParentLink(unitId: string): Promise<ParentLink | undefined> {
    const row = await this.db.selectFrom('unit_parent_links').selectAll().where('unit_id', '=', unitId).orderBy('valid_from', 'desc').limit(1).executeTakeFirst();
    return row && { id: row.id, unitId: row.unit_id, parentId: row.parent_id, validFrom: row.valid_from, validTo: row.valid_to };
  }

  async parentLinks(unitId: string): Promise<ParentLink[]> {
    const rows = await this.db.selectFrom('unit_parent_links').selectAll().where('unit_id', '=', unitId).orderBy('valid_from').execute();
    return rows.map((row) => ({ id: row.id, unitId: row.unit_id, parentId: row.parent_id, validFrom: row.valid_from, validTo: row.valid_to }));
  }

  /**
   * Deletes a unit and its own parent links. Returns false when anything still refers to it (a child
   * link, a role, a successor reference, later records): the foreign keys decide, so new references
   * added by later modules are covered without changing this code.
   */
  async deleteIfUnreferenced(id: string): Promise<boolean> {
    try {
      await this.db.deleteFrom('unit_parent_links').where('unit_id', '=', id).execute();
      await this.db.deleteFrom('units').where('id', '=', id).execute();
      return true;
    } catch (error) {
      if (isForeignKeyViolation(error)) return false;
      throw error;
    }
  }

  async closeParentLink(linkId: string, validTo: string): Promise<void> {
    await this.db.updateTable('unit_parent_links').set({ valid_to: validTo }).where('id', '=', linkId).execute();
  }

  /** The unit and its ancestors on a date, nearest first; undefined if the unit does not exist. */
  async chainOf(unitId: string, onDate: string): Promise<string[] | undefined> {
    const exists = await this.db.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst();
    if (!exists) return undefined;
    const rows = await this.db
      .withRecursive('chain(id, depth)', (db) =>
        db
          .selectFrom('unit_parent_links')
          .select(['unit_parent_links.parent_id as id', (eb) => eb.lit(1).as('depth')])
          .where('unit_parent_links.unit_id', '=', unitId)
          .where(linkInForce(onDate))
          .unionAll(
            db
              .selectFrom('unit_parent_links')
              .innerJoin('chain', 'chain.id', 'unit_parent_links.unit_id')
              .select(['unit_parent_links.parent_id as id', (eb) => eb(eb.ref('chain.depth'), '+', 1).as('depth')])
              .where(linkInForce(onDate))
              .where('chain.depth', '<', MAX_DEPTH),
          ),
      )
      .selectFrom('chain')
      .select(['id', 'depth'])
      .orderBy('depth')
      .execute();
    return [unitId, ...rows.map((r) => r.id)];
  }

  /** A unit and everything below it on a date, with the depth below the root. */
  async subtree(rootId: string, onDate: string): Promise<Array<Unit & { depth: number }>> {
    const rows = await this.db
      .withRecursive('tree(id, depth)', (db) =>
        db
          .selectFrom('units')
          .select(['units.id as id', (eb) => eb.lit(0).as('depth')])
          .where('units.id', '=', rootId)
          .unionAll(
            db
              .selectFrom('unit_parent_links')
              .innerJoin('tree', 'tree.id', 'unit_parent_links.parent_id')
              .select(['unit_parent_links.unit_id as id', (eb) => eb(eb.ref('tree.depth'), '+', 1).as('depth')])
              .where(linkInForce(onDate))
              .where('tree.depth', '<', MAX_DEPTH),
          ),
      )
      .selectFrom('tree')
      .innerJoin('units', 'units.id', 'tree.id')
      .leftJoin('unit_parent_links', (join) => join.onRef('unit_parent_links.unit_id', '=', 'units.id').on(linkInForce(onDate)))
      .selectAll('units')
      .select(['unit_parent_links.parent_id as parent_id', 'tree.depth as depth', officeHoursInForce(onDate)])
      .where('units.valid_from', '<=', onDate)
      .where((eb) => eb.or([eb('units.valid_to', 'is', null), eb('units.valid_to', '>=', onDate)]))
      .orderBy('tree.depth')
      .orderBy('units.code')
      .execute();
    return rows.map((row) => ({ ...toUnit(row), depth: Number(row.depth) }));
  }
}

function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '23503' /* PostgreSQL */ || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Searches for the text as typed: % and _ are literal characters, not wildcards. */
function escapeLike(value: string): string {
  return value.replace(/[%_\\]/g, (c) => `\\${c}`);
}

/** Updates never touch the hours a unit started with: later schedules are changes from a date. */
function withoutInitialOfficeHours(row: ReturnType<typeof toRow>): Omit<ReturnType<typeof toRow>, 'office_hours'> {
  const { office_hours: _initial, ...rest } = row;
  return rest;
}

function toRow(unit: UnitRecordInput) {
  return {
    code: unit.code,
    name: unit.name,
    short_name: unit.shortName,
    type: unit.type,
    address: unit.address,
    phone: unit.phone,
    email: unit.email,
    search_text: unit.searchText,
    office_hours: writeJson(unit.officeHours),
    valid_from: unit.validFrom,
    valid_to: unit.validTo,
    successor_id: unit.successorId,
  };
}

type UnitRow = DB['units'] extends infer T ? { [K in keyof T]: unknown } & { parent_id: string | null; office_hours_in_force?: unknown } : never;

function toUnit(row: UnitRow): Unit {
  return {
    id: row.id as string,
    code: row.code as string,
    name: row.name as string,
    shortName: row.short_name as string | null,
    type: row.type as UnitType,
    parentId: row.parent_id ?? null,
    address: row.address as string | null,
    phone: row.phone as string | null,
    email: row.email as string | null,
    officeHours: readJson<OfficeHoursSession[]>(row.office_hours_in_force ?? row.office_hours),
    validFrom: row.valid_from as string,
    validTo: row.valid_to as string | null,
    successorId: row.successor_id as string | null,
    version: Number(row.version),
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  };
}
