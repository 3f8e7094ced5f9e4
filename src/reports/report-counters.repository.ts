// SQL for the report counters: applying a command's deltas (one upsert statement), summing the rows of
// some units over ranges of buckets, and the whole table for reconciliation and rebuilding.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../db/database.js';
import { columnParams, PreparedFamily } from '../db/prepared.js';
import type { DossierProjection } from '../dossiers/dossiers.repository.js';
import type { DossierState } from '../dossiers/dossier.js';
import { batchDeltas, counterDeltas, MEASURES, zeroMeasures, type CounterDelta, type Grain, type Measure, type Measures } from './report-facts.js';

/** A range of buckets of one grain, both ends included. */
export interface BucketRange {
  readonly grain: Grain;
  readonly from: string;
  readonly to: string;
}

/** What a report can be grouped by; 'none' gives one total row. */
export type CounterGroup = 'none' | 'unit' | 'field' | 'procedure' | 'version' | 'channel' | 'officer';

const GROUP_COLUMN: Record<Exclude<CounterGroup, 'none'>, 'unit_id' | 'field_code' | 'procedure_code' | 'procedure_version_id' | 'channel' | 'officer_id'> = {
  unit: 'unit_id',
  field: 'field_code',
  procedure: 'procedure_code',
  version: 'procedure_version_id',
  channel: 'channel',
  officer: 'officer_id',
};

export interface CounterRow {
  readonly unitId: string;
  readonly grain: Grain;
  readonly bucket: string;
  readonly procedureVersionId: string;
  readonly channel: number;
  readonly officerId: string;
  readonly procedureCode: string;
  readonly fieldCode: string;
  readonly values: Measures;
}

/** Rows per upsert statement: keeps the number of bound parameters far below SQLite's limit. */
const UPSERT_CHUNK = 200;
const KEY_COLUMNS = ['unit_id', 'grain', 'bucket', 'procedure_version_id', 'channel', 'officer_id', 'procedure_code', 'field_code'] as const;
/** The key columns of a delta's counter row. */
function keyRow(d: CounterDelta): Record<(typeof KEY_COLUMNS)[number], unknown> {
  return { unit_id: d.key.unitId, grain: d.grain, bucket: d.bucket, procedure_version_id: d.key.procedureVersionId, channel: d.key.channel, officer_id: d.key.officerId, procedure_code: d.key.procedureCode, field_code: d.key.fieldCode };
}
/** Upserts compiled once per set of measures and number of rows (src/db/prepared.ts). */
const upserts = new PreparedFamily<never>();

export class ReportCountersRepository implements DossierProjection {
  constructor(private readonly db: Executor) {}

  /** Called by the dossiers repository in the transaction that writes a dossier's projection. */
  async written(changes: ReadonlyArray<{ readonly before: DossierState | null; readonly after: DossierState }>): Promise<void> {
    await this.add(changes.length === 1 ? counterDeltas(changes[0]!.before, changes[0]!.after) : batchDeltas(changes));
  }

  /**
   * Adds deltas to the counters (creating the rows they need). Only the measures a delta changes are written —
   * the others keep their value (or the column default, 0) — so a command's usual two rows (its day and its
   * month) are one short statement rather than all seventeen measures bound and added.
   */
  async add(deltas: readonly CounterDelta[]): Promise<void> {
    const byMeasures = new Map<string, { measures: Measure[]; deltas: CounterDelta[] }>();
    for (const delta of deltas) {
      const measures = MEASURES.filter((m) => delta.values[m] !== undefined && delta.values[m] !== 0);
      if (measures.length === 0) continue;
      const key = measures.join(',');
      const group = byMeasures.get(key) ?? { measures, deltas: [] };
      group.deltas.push(delta);
      byMeasures.set(key, group);
    }
    for (const { measures, deltas: group } of byMeasures.values()) {
      for (let i = 0; i < group.length; i += UPSERT_CHUNK) {
        const chunk = group.slice(i, i + UPSERT_CHUNK);
        const values: Record<string, unknown> = {};
        const columns = [...KEY_COLUMNS, ...measures];
        chunk.forEach((d, n) => {
          // Read from the key and the measures as they are (spreading both into one row cost more than the statement).
          const key = keyRow(d);
          for (const column of KEY_COLUMNS) values[`${column}${n}`] = key[column];
          for (const measure of measures) values[`${measure}${n}`] = d.values[measure];
        });
        await upserts.execute<string>(
          this.db,
          `${measures.join(',')}|${chunk.length}`,
          (db, param) =>
            db
              .insertInto('report_counters')
              // The measures left out take the column default, 0 (the table type lists every measure as required).
              .values(chunk.map((_, n) => columnParams(columns, param, String(n)) as Record<(typeof KEY_COLUMNS)[number] | Measure, never>))
              .onConflict((oc) =>
                oc
                  .columns(['unit_id', 'grain', 'bucket', 'procedure_version_id', 'channel', 'officer_id'])
                  .doUpdateSet(Object.fromEntries(measures.map((m) => [m, sql`report_counters.${sql.ref(m)} + excluded.${sql.ref(m)}`]))),
              ),
          values,
        );
      }
    }
  }

  /**
   * The sums of every measure over the rows of some units within some bucket ranges, per group value and
   * channel (reports split what was received by channel in every row). The ranges must not overlap (a day
   * and its month would count twice).
   */
  async sums(unitIds: readonly string[], ranges: readonly BucketRange[], group: CounterGroup): Promise<Array<{ group: string; channel: number; values: Measures }>> {
    if (unitIds.length === 0 || ranges.length === 0) return [];
    const groupColumn = group === 'none' ? null : GROUP_COLUMN[group];
    const rows = await this.db
      .selectFrom('report_counters')
      .select((eb) => [(groupColumn ? sql<string>`${sql.ref(groupColumn)}` : sql<string>`''`).as('group_value'), 'channel', ...MEASURES.map((m) => eb.fn.sum<number>(m).as(m))])
      .where('unit_id', 'in', [...unitIds])
      .where((eb) => eb.or(ranges.map((r): Expression<SqlBool> => eb.and([eb('grain', '=', r.grain), eb('bucket', '>=', r.from), eb('bucket', '<=', r.to)]))))
      .groupBy(groupColumn ? [sql.ref(groupColumn), 'channel'] : ['channel'])
      .execute();
    return rows.map((row) => {
      const values = zeroMeasures();
      for (const m of MEASURES) values[m] = Number((row as Record<string, unknown>)[m] ?? 0);
      return { group: String(row.group_value), channel: Number(row.channel), values };
    });
  }

  /** Every counter row, in key order (for reconciliation). */
  async all(): Promise<CounterRow[]> {
    const rows = await this.db.selectFrom('report_counters').selectAll().orderBy('unit_id').orderBy('grain').orderBy('bucket').orderBy('procedure_version_id').orderBy('channel').orderBy('officer_id').execute();
    return rows.map((row) => {
      const values = zeroMeasures();
      for (const m of MEASURES) values[m] = Number(row[m]);
      return {
        unitId: row.unit_id,
        grain: row.grain as Grain,
        bucket: row.bucket,
        procedureVersionId: row.procedure_version_id,
        channel: Number(row.channel),
        officerId: row.officer_id,
        procedureCode: row.procedure_code,
        fieldCode: row.field_code,
        values,
      };
    });
  }

  async isEmpty(): Promise<boolean> {
    return (await this.db.selectFrom('report_counters').select('unit_id').limit(1).execute()).length === 0;
  }

  async deleteAll(): Promise<void> {
    await this.db.deleteFrom('report_counters').execute();
  }
}
