// SQL for process definitions. Published rows are only ever closed (effective_to), never rewritten.
import { readJson, writeJson, type Executor } from '../db/database.js';
import type { Selectable } from 'kysely';
import type { ProcessDefinitionsTable } from '../db/schema.js';
import type { ProcessBody } from './process-definition.js';

export interface ProcessDefinition {
  readonly id: string;
  readonly procedureCode: string;
  readonly caseCode: string;
  readonly version: number;
  readonly status: 'draft' | 'published';
  readonly name: string;
  readonly body: ProcessBody;
  readonly totalHours: number;
  readonly effectiveFrom: string | null;
  readonly effectiveTo: string | null;
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly publishedAt: string | null;
}

function toDefinition(row: Selectable<ProcessDefinitionsTable>): ProcessDefinition {
  return {
    id: row.id,
    procedureCode: row.procedure_code,
    caseCode: row.case_code,
    version: row.version,
    status: row.status as ProcessDefinition['status'],
    name: row.name,
    body: readJson<ProcessBody>(row.body),
    totalHours: row.total_hours,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

export class WorkflowRepository {
  constructor(private readonly db: Executor) {}

  async findById(id: string): Promise<ProcessDefinition | undefined> {
    const row = await this.db.selectFrom('process_definitions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toDefinition(row);
  }

  async versions(procedureCode: string, caseCode: string): Promise<ProcessDefinition[]> {
    const rows = await this.db.selectFrom('process_definitions').selectAll().where('procedure_code', '=', procedureCode).where('case_code', '=', caseCode).orderBy('version').execute();
    return rows.map(toDefinition);
  }

  async list(filter: { procedureCode?: string; status?: string; limit: number; offset: number }): Promise<{ items: ProcessDefinition[]; total: number }> {
    let query = this.db.selectFrom('process_definitions');
    if (filter.procedureCode) query = query.where('procedure_code', '=', filter.procedureCode);
    if (filter.status) query = query.where('status', '=', filter.status);
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query.selectAll().orderBy('procedure_code').orderBy('case_code').orderBy('version').limit(filter.limit).offset(filter.offset).execute();
    return { items: rows.map(toDefinition), total: Number(total.n) };
  }

  /** The published version in force on a legal date. */
  async inForce(procedureCode: string, caseCode: string, onDate: string): Promise<ProcessDefinition | undefined> {
    const row = await this.db
      .selectFrom('process_definitions')
      .selectAll()
      .where('procedure_code', '=', procedureCode)
      .where('case_code', '=', caseCode)
      .where('status', '=', 'published')
      .where('effective_from', '<=', onDate)
      .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>=', onDate)]))
      .orderBy('effective_from', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toDefinition(row);
  }

  async latestPublished(procedureCode: string, caseCode: string): Promise<ProcessDefinition | undefined> {
    const row = await this.db
      .selectFrom('process_definitions')
      .selectAll()
      .where('procedure_code', '=', procedureCode)
      .where('case_code', '=', caseCode)
      .where('status', '=', 'published')
      .orderBy('effective_from', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toDefinition(row);
  }

  async maxVersion(procedureCode: string, caseCode: string): Promise<number> {
    const row = await this.db
      .selectFrom('process_definitions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('procedure_code', '=', procedureCode)
      .where('case_code', '=', caseCode)
      .executeTakeFirst();
    return Number(row?.v ?? 0);
  }

  async insertDraft(d: { id: string; procedureCode: string; caseCode: string; version: number; name: string; body: ProcessBody; totalHours: number; createdBy: string | null }, now: string): Promise<void> {
    await this.db
      .insertInto('process_definitions')
      .values({
        id: d.id,
        procedure_code: d.procedureCode,
        case_code: d.caseCode,
        version: d.version,
        status: 'draft',
        name: d.name,
        body: writeJson(d.body),
        total_hours: d.totalHours,
        effective_from: null,
        effective_to: null,
        revision: 1,
        created_at: now,
        created_by: d.createdBy,
        updated_at: now,
        published_at: null,
        published_by: null,
      })
      .execute();
  }

  /** Edits a draft at the expected revision; false when it is no longer a draft or someone else saved first. */
  async updateDraft(id: string, expectedRevision: number, change: { name: string; body: ProcessBody; totalHours: number }, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('process_definitions')
      .set({ name: change.name, body: writeJson(change.body), total_hours: change.totalHours, revision: expectedRevision + 1, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .where('revision', '=', expectedRevision)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async publish(id: string, expectedRevision: number, effectiveFrom: string, publishedBy: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('process_definitions')
      .set({ status: 'published', effective_from: effectiveFrom, revision: expectedRevision + 1, updated_at: now, published_at: now, published_by: publishedBy })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .where('revision', '=', expectedRevision)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Ends a published version the day before its successor starts (the only change a published row gets). */
  async close(id: string, effectiveTo: string, now: string): Promise<void> {
    await this.db.updateTable('process_definitions').set({ effective_to: effectiveTo, updated_at: now }).where('id', '=', id).where('status', '=', 'published').execute();
  }

  async deleteDraft(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('process_definitions').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }
}
