// Names for the rows of a report (fields, procedures, officers, online levels of procedure versions):
// a small read model over the catalogue and staff tables, so a report is labelled in a handful of queries.
import type { Executor } from '../db/database.js';

export class ReportLabelsRepository {
  constructor(private readonly db: Executor) {}

  /** Field code → field name (as the most recent version naming it says). */
  async fieldNames(codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.db.selectFrom('procedure_versions').select(['field_code', 'field_name', 'updated_at']).where('field_code', 'in', [...codes]).orderBy('updated_at').execute();
    return new Map(rows.map((r) => [r.field_code, r.field_name]));
  }

  /** Procedure code → name (of its latest published version, else its latest version). */
  async procedureNames(codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('procedure_versions')
      .innerJoin('procedures', 'procedures.id', 'procedure_versions.procedure_id')
      .select(['procedures.code as code', 'procedure_versions.name as name', 'procedure_versions.status as status', 'procedure_versions.version as version'])
      .where('procedures.code', 'in', [...codes])
      .orderBy('procedure_versions.version')
      .execute();
    const names = new Map<string, string>();
    for (const row of rows) if (row.status === 'published' || !names.has(row.code)) names.set(row.code, row.name);
    return names;
  }

  /** Procedure version id → its online service level. */
  async onlineLevels(versionIds: readonly string[]): Promise<Map<string, string>> {
    if (versionIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('procedure_versions').select(['id', 'online_level']).where('id', 'in', [...versionIds]).execute();
    return new Map(rows.map((r) => [r.id, r.online_level]));
  }

  /** The ids of the procedure versions at an online service level. */
  async versionsAtOnlineLevel(level: string): Promise<string[]> {
    return (await this.db.selectFrom('procedure_versions').select('id').where('online_level', '=', level).execute()).map((r) => r.id);
  }

  /** User id → full name. */
  async userNames(ids: readonly string[]): Promise<Map<string, string>> {
    const wanted = ids.filter((id) => id !== '');
    if (wanted.length === 0) return new Map();
    const rows = await this.db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', wanted).execute();
    return new Map(rows.map((r) => [r.id, r.full_name]));
  }
}
