// The dossiers that may lie behind a report's number: a superset chosen with the indexed columns (units,
// the period's edges, the group's column where the dossier row has it), read a page at a time in id order.
// The exact selection is made by the same contribution function as the counters (report-drilldown.ts).
import { type Expression, type SqlBool } from 'kysely';
import { readJson, type Executor } from '../db/database.js';
import type { DossierState } from '../dossiers/dossier.js';

export interface DrillCandidateFilter {
  readonly unitIds: readonly string[];
  /** The instants the period starts and ends (exclusive end: the start of the next day). */
  readonly startsAt: string;
  readonly endsBefore: string;
  /** Narrowing the figure allows: received within the period, before it, or resolved within it. */
  readonly window: 'any' | 'received_during' | 'received_before' | 'resolved_during' | 'not_received';
  readonly fieldCode?: string;
  readonly procedureCode?: string;
  readonly channels?: readonly string[];
  readonly versionIds?: readonly string[];
}

export class ReportDossiersRepository {
  constructor(private readonly db: Executor) {}

  async candidates(filter: DrillCandidateFilter, afterId: string | null, limit: number): Promise<DossierState[]> {
    if (filter.unitIds.length === 0) return [];
    let query = this.db
      .selectFrom('dossiers')
      .select(['id', 'state'])
      .where('receiving_unit_id', 'in', [...filter.unitIds])
      .where('status', 'not in', ['draft', 'cancelled']);
    const { startsAt, endsBefore } = filter;
    switch (filter.window) {
      case 'received_during':
        query = query.where('received_at', '>=', startsAt).where('received_at', '<', endsBefore);
        break;
      case 'received_before':
        query = query.where('received_at', '<', startsAt).where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', startsAt)]));
        break;
      case 'resolved_during':
        query = query.where('resolved_at', '>=', startsAt).where('resolved_at', '<', endsBefore);
        break;
      case 'not_received':
        query = query.where('received_at', 'is', null).where('status', 'in', ['refused_at_receipt', 'returned_for_completion']);
        break;
      case 'any':
        query = query.where((eb): Expression<SqlBool> => eb.or([eb('received_at', '<', endsBefore), eb('received_at', 'is', null)])).where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', startsAt)]));
        break;
    }
    if (filter.fieldCode !== undefined) query = query.where('field_code', '=', filter.fieldCode);
    if (filter.procedureCode !== undefined) query = query.where('procedure_code', '=', filter.procedureCode);
    if (filter.channels) query = query.where('channel', 'in', [...filter.channels]);
    if (filter.versionIds) query = query.where('procedure_version_id', 'in', filter.versionIds.length > 0 ? [...filter.versionIds] : ['']);
    if (afterId) query = query.where('id', '>', afterId);
    const rows = await query.orderBy('id').limit(limit).execute();
    return rows.map((r) => readJson<DossierState>(r.state));
  }
}
