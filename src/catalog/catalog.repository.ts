// SQL for the procedure catalogue: procedures, their versions, the versions in force on a date, and
// ranked search over a normalised word column (LIKE on both dialects; see ARCHITECTURE.md).
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { readJson, writeJson, type Executor } from '../db/database.js';
import type { DB } from '../db/schema.js';
import type { OnlineServiceLevel, ProcedureDocument, ProcedureLevel, ProcedureVersion, VersionStatus } from './procedure.js';

/** A version as written: the document, the metadata and the derived search columns. */
export interface VersionRecord {
  readonly id: string;
  readonly procedureId: string;
  readonly version: number;
  readonly document: ProcedureDocument;
  readonly searchName: string;
  readonly searchText: string;
}

export interface ProcedureSearch {
  /** Query words, normalised (searchWordsText form), at least one. */
  readonly words: readonly string[];
  /** The query as typed, trimmed: an exact code match ranks first. */
  readonly code: string;
}

export interface InForceFilter {
  readonly onDate: string;
  readonly level?: ProcedureLevel;
  readonly fieldCode?: string;
  readonly unitId?: string;
  readonly onlineLevel?: OnlineServiceLevel;
  readonly search?: ProcedureSearch;
  readonly limit: number;
  readonly offset: number;
}

export interface FieldCount {
  readonly code: string;
  readonly name: string;
  readonly count: number;
}

type V = ExpressionBuilder<DB & { v: DB['procedure_versions']; p: DB['procedures'] }, 'v' | 'p'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function inForceOn(onDate: string) {
  return (eb: V) =>
    eb.and([eb('v.status', '=', 'published'), eb('v.effective_from', '<=', onDate), eb.or([eb('v.effective_to', 'is', null), eb('v.effective_to', '>=', onDate)])]);
}

const wordIn = (column: 'v.search_name' | 'v.search_text', word: string) => sql<SqlBool>`${sql.ref(column)} like ${`% ${word}%`}`;
const flag = (condition: Expression<SqlBool>, points: number) => sql<number>`(case when ${condition} then ${sql.lit(points)} else 0 end)`;

/**
 * Rank of a version for a search: the exact code first, then versions matching every word, then a
 * phrase at the start of / inside the name, every word in the name, and one point per word found.
 */
function rankOf(search: ProcedureSearch) {
  const phrase = search.words.join(' ');
  const allInText = sql<SqlBool>`(${sql.join(search.words.map((w) => wordIn('v.search_text', w)), sql` and `)})`;
  const allInName = sql<SqlBool>`(${sql.join(search.words.map((w) => wordIn('v.search_name', w)), sql` and `)})`;
  const terms = [
    flag(sql<SqlBool>`p.code = ${search.code}`, 100_000),
    flag(allInText, 10_000),
    sql<number>`(case when v.search_name like ${` ${phrase}%`} then 3000 when v.search_name like ${`% ${phrase}%`} then 2000 else 0 end)`,
    flag(allInName, 1000),
    ...search.words.map((w) => flag(wordIn('v.search_name', w), 10)),
    ...search.words.map((w) => flag(wordIn('v.search_text', w), 1)),
  ];
  return sql<number>`(${sql.join(terms, sql` + `)})`;
}

export class CatalogRepository {
  constructor(private readonly db: Executor) {}

  private versions() {
    return this.db.selectFrom('procedure_versions as v').innerJoin('procedures as p', 'p.id', 'v.procedure_id').selectAll('v').select('p.code as code');
  }

  async findProcedureByCode(code: string): Promise<{ id: string; code: string } | undefined> {
    return this.db.selectFrom('procedures').select(['id', 'code']).where('code', '=', code).executeTakeFirst();
  }

  /** False when the code is taken (also by a concurrent request). */
  async insertProcedure(procedure: { id: string; code: string }, now: string): Promise<boolean> {
    return unlessTaken(this.db.insertInto('procedures').values({ id: procedure.id, code: procedure.code, created_at: now }).execute());
  }

  async deleteProcedure(id: string): Promise<void> {
    await this.db.deleteFrom('procedures').where('id', '=', id).execute();
  }

  /** False when the version number is taken (a concurrent request made that version first). */
  async insertDraft(record: VersionRecord, now: string): Promise<boolean> {
    const inserted = await unlessTaken(
      this.db
        .insertInto('procedure_versions')
        .values({ ...toRow(record), id: record.id, procedure_id: record.procedureId, version: record.version, status: 'draft', effective_from: null, effective_to: null, revision: 1, created_at: now, updated_at: now, published_at: null })
        .execute(),
    );
    if (inserted) await this.setUnits(record.id, record.document.implementingUnitIds);
    return inserted;
  }

  /** Replaces a draft's document when its revision is expectedRevision; false on a conflict. */
  async updateDraft(record: VersionRecord, expectedRevision: number, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('procedure_versions')
      .set({ ...toRow(record), revision: expectedRevision + 1, updated_at: now })
      .where('id', '=', record.id)
      .where('status', '=', 'draft')
      .where('revision', '=', expectedRevision)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await this.db.deleteFrom('procedure_version_units').where('version_id', '=', record.id).execute();
    await this.setUnits(record.id, record.document.implementingUnitIds);
    return true;
  }

  private async setUnits(versionId: string, unitIds: readonly string[]): Promise<void> {
    if (unitIds.length === 0) return;
    await this.db
      .insertInto('procedure_version_units')
      .values(unitIds.map((unitId) => ({ version_id: versionId, unit_id: unitId })))
      .execute();
  }

  /** Publishes a draft (when its revision is expectedRevision); false on a conflict. */
  async publish(id: string, expectedRevision: number, effectiveFrom: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('procedure_versions')
      .set({ status: 'published', effective_from: effectiveFrom, revision: expectedRevision + 1, updated_at: now, published_at: now })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .where('revision', '=', expectedRevision)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Sets the open end of a published version (the only change a published version accepts). */
  async close(id: string, effectiveTo: string): Promise<void> {
    await this.db.updateTable('procedure_versions').set({ effective_to: effectiveTo }).where('id', '=', id).where('effective_to', 'is', null).execute();
  }

  async deleteDraft(id: string): Promise<void> {
    await this.db.deleteFrom('procedure_version_units').where('version_id', '=', id).execute();
    await this.db.deleteFrom('procedure_versions').where('id', '=', id).where('status', '=', 'draft').execute();
  }

  async versionById(id: string): Promise<ProcedureVersion | undefined> {
    if (!UUID.test(id)) return undefined;
    const row = await this.versions().where('v.id', '=', id).executeTakeFirst();
    return row && toVersion(row);
  }

  async versionByNumber(procedureId: string, version: number): Promise<ProcedureVersion | undefined> {
    const row = await this.versions().where('v.procedure_id', '=', procedureId).where('v.version', '=', version).executeTakeFirst();
    return row && toVersion(row);
  }

  /** Every version of a procedure, newest first (drafts only if asked). */
  async versionsOf(procedureId: string, includeDrafts: boolean): Promise<ProcedureVersion[]> {
    let query = this.versions().where('v.procedure_id', '=', procedureId);
    if (!includeDrafts) query = query.where('v.status', '=', 'published');
    return (await query.orderBy('v.version', 'desc').execute()).map(toVersion);
  }

  async latestVersion(procedureId: string, status?: VersionStatus): Promise<ProcedureVersion | undefined> {
    let query = this.versions().where('v.procedure_id', '=', procedureId);
    if (status) query = query.where('v.status', '=', status);
    const row = await query.orderBy('v.version', 'desc').limit(1).executeTakeFirst();
    return row && toVersion(row);
  }

  /** The published version in force on a date, if any. */
  async inForce(procedureId: string, onDate: string): Promise<ProcedureVersion | undefined> {
    const row = await this.versions().where('v.procedure_id', '=', procedureId).where(inForceOn(onDate)).orderBy('v.effective_from', 'desc').limit(1).executeTakeFirst();
    return row && toVersion(row);
  }

  /** Versions in force on a date, filtered; ranked when searching, else ordered by field and code. */
  async listInForce(filter: InForceFilter): Promise<{ items: ProcedureVersion[]; total: number }> {
    let query = this.versions().where(inForceOn(filter.onDate));
    if (filter.level) query = query.where(sql<SqlBool>`v.levels like ${`%,${filter.level},%`}`);
    if (filter.fieldCode) query = query.where('v.field_code', '=', filter.fieldCode);
    if (filter.onlineLevel) query = query.where('v.online_level', '=', filter.onlineLevel);
    if (filter.unitId) {
      const unitId = filter.unitId;
      if (!UUID.test(unitId)) return { items: [], total: 0 };
      query = query.where((eb) => eb.exists(eb.selectFrom('procedure_version_units as u').select('u.unit_id').whereRef('u.version_id', '=', 'v.id').where('u.unit_id', '=', unitId)));
    }
    const search = filter.search;
    if (search) query = query.where((eb) => eb.or([eb('p.code', '=', search.code), ...search.words.map((w) => wordIn('v.search_text', w))]));
    // Among equals, the shortest name is the closest match.
    const ordered = search ? query.orderBy(rankOf(search), 'desc').orderBy(sql`length(v.search_name)`).orderBy('p.code') : query.orderBy('v.field_code').orderBy('p.code');
    const count = async () => Number((await query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (!search) {
      const rows = await ordered.limit(filter.limit).offset(filter.offset).execute();
      return { items: rows.map(toVersion), total: await count() };
    }
    // A search scans the text once for the page and the total (a window count); a page past the end counts apart.
    const rows = await ordered.select(sql<number>`count(*) over ()`.as('total_count')).limit(filter.limit).offset(filter.offset).execute();
    const total = rows.length > 0 ? Number(rows[0]!.total_count) : filter.offset === 0 ? 0 : await count();
    return { items: rows.map(toVersion), total };
  }

  /** Drafts (the one of each procedure that has one), most recently changed first. */
  async listDrafts(limit: number, offset: number): Promise<{ items: ProcedureVersion[]; total: number }> {
    const query = this.versions().where('v.status', '=', 'draft');
    const rows = await query.orderBy('v.updated_at', 'desc').orderBy('p.code').limit(limit).offset(offset).execute();
    const total = await query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { items: rows.map(toVersion), total: Number(total.n) };
  }

  /** Fields (lĩnh vực) of the versions in force on a date, with how many procedures each has. */
  async fieldsInForce(onDate: string): Promise<FieldCount[]> {
    const rows = await this.db
      .selectFrom('procedure_versions as v')
      .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
      .where(inForceOn(onDate))
      .select(['v.field_code', (eb) => eb.fn.max('v.field_name').as('field_name'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('v.field_code')
      .orderBy('v.field_code')
      .execute();
    return rows.map((r) => ({ code: r.field_code, name: String(r.field_name), count: Number(r.n) }));
  }

  /** Procedure ids by code (for imports). */
  async procedureIdsByCodes(codes: readonly string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    for (let i = 0; i < codes.length; i += 500) {
      const rows = await this.db.selectFrom('procedures').select(['id', 'code']).where('code', 'in', codes.slice(i, i + 500)).execute();
      for (const row of rows) result.set(row.code, row.id);
    }
    return result;
  }
}

/** Runs an insert; false on a unique violation. On PostgreSQL the transaction cannot continue after it, so callers throw. */
async function unlessTaken(insert: Promise<unknown>): Promise<boolean> {
  try {
    await insert;
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '23505' /* PostgreSQL */ || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
    throw error;
  }
}

function toRow(record: VersionRecord) {
  const d = record.document;
  return {
    name: d.name,
    field_code: d.field.code,
    field_name: d.field.name,
    levels: `,${d.levels.join(',')},`,
    online_level: d.onlineLevel,
    search_name: record.searchName,
    search_text: record.searchText,
    document: writeJson(d),
  };
}

type VersionRow = DB['procedure_versions'] & { code: string };

function toVersion(row: { [K in keyof VersionRow]: unknown }): ProcedureVersion {
  const document = readJson<ProcedureDocument>(row.document);
  return {
    id: row.id as string,
    procedureId: row.procedure_id as string,
    code: row.code as string,
    version: Number(row.version),
    status: row.status as VersionStatus,
    effectiveFrom: (row.effective_from as string | null) ?? null,
    effectiveTo: (row.effective_to as string | null) ?? null,
    revision: Number(row.revision),
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
    publishedAt: (row.published_at as string | null) ?? null,
    ...document,
  };
}
