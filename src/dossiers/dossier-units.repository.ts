// SQL for the units that took part in each dossier (dossier_units, migration 0012): written in the transaction
// of every dossier write, like the report counters, and read by the staff search, which lists a unit's
// dossiers newest first from one index range instead of testing every dossier of a status.
import { sql } from 'kysely';
import { readJson, type Executor } from '../db/database.js';
import { PreparedQuery } from '../db/prepared.js';
import type { DossierState } from './dossier.js';
import type { DossierProjection } from './dossiers.repository.js';

/** The units that took part in a dossier: the receiving unit, then each unit that held one of its steps, once. */
export function participatingUnits(state: DossierState): string[] {
  const units = [state.receivingUnitId];
  for (const task of state.tasks) if (!units.includes(task.unitId)) units.push(task.unitId);
  return units;
}

export interface DossierUnitRow {
  readonly unitId: string;
  readonly status: string;
  readonly createdAt: string;
  readonly receivingUnitId: string;
}

export interface DossierSearchFilter {
  /** The units whose dossiers are searched; null for all (system administrators). */
  readonly unitIds: readonly string[] | null;
  readonly status?: string;
  readonly code?: string;
  readonly applicantIdNumber?: string;
  readonly limit: number;
  readonly offset: number;
}

/**
 * Above this many dossiers of a status (in the whole database), a page of them is found by walking the newest-first
 * index, reading about (offset + limit) × (all dossiers ÷ those of the status) rows; below it, sorting them costs less.
 */
const WALK_NEWEST_ABOVE = 5000;

/** Rows per multi-row insert (4 columns each: far below SQLite's limit of bound parameters). */
const BULK_ROWS = 500;

// The statements of live commands, compiled once (src/db/prepared.ts).
const insertUnit = new PreparedQuery((db, param) =>
  db.insertInto('dossier_units').values({ dossier_id: param('dossierId'), unit_id: param('unitId'), status: param('status'), created_at: param('createdAt'), receiving_unit_id: param('receivingUnitId') }),
);
const setStatus = new PreparedQuery((db, param) => db.updateTable('dossier_units').set({ status: param('status') }).where('dossier_id', '=', param('dossierId')));
/** A unit joining a running dossier; the creation instant is the dossier row's (written just before, in this transaction). */
const joinUnit = new PreparedQuery((db, param) =>
  db.insertInto('dossier_units').values({
    dossier_id: param('dossierId'),
    unit_id: param('unitId'),
    status: param('status'),
    created_at: (eb) => eb.selectFrom('dossiers').select('created_at').where('id', '=', param('dossierId')),
    receiving_unit_id: param('receivingUnitId'),
  }),
);

export class DossierUnitsRepository implements DossierProjection {
  constructor(
    private readonly db: Executor,
    private readonly walkNewestAbove = WALK_NEWEST_ABOVE,
  ) {}

  /** Called by the dossiers repository in the transaction that writes a dossier's projection. */
  async written(changes: ReadonlyArray<{ readonly before: DossierState | null; readonly after: DossierState }>, now: string): Promise<void> {
    const fresh: Array<{ dossier_id: string; unit_id: string; status: string; created_at: string; receiving_unit_id: string }> = [];
    for (const { before, after } of changes) {
      if (before === null) {
        // A new dossier's row was created at `now` (DossiersRepository.insert and insertMany).
        for (const unitId of participatingUnits(after)) fresh.push({ dossier_id: after.id, unit_id: unitId, status: after.status, created_at: now, receiving_unit_id: after.receivingUnitId });
        continue;
      }
      if (before.status !== after.status) await setStatus.execute(this.db, { dossierId: after.id, status: after.status });
      if (before.tasks.length === after.tasks.length) continue; // a step's unit never changes once started
      const had = participatingUnits(before);
      for (const unitId of participatingUnits(after)) if (!had.includes(unitId)) await joinUnit.execute(this.db, { dossierId: after.id, unitId, status: after.status, receivingUnitId: after.receivingUnitId });
    }
    if (changes.length === 1) {
      for (const row of fresh) await insertUnit.execute(this.db, { dossierId: row.dossier_id, unitId: row.unit_id, status: row.status, createdAt: row.created_at, receivingUnitId: row.receiving_unit_id });
      return;
    }
    for (let i = 0; i < fresh.length; i += BULK_ROWS) await this.db.insertInto('dossier_units').values(fresh.slice(i, i + BULK_ROWS)).execute();
  }

  /** A dossier's rows, for verification. */
  async of(dossierId: string): Promise<DossierUnitRow[]> {
    const rows = await this.db.selectFrom('dossier_units').select(['unit_id', 'status', 'created_at', 'receiving_unit_id']).where('dossier_id', '=', dossierId).execute();
    return rows.map((r) => ({ unitId: r.unit_id, status: r.status, createdAt: r.created_at, receivingUnitId: r.receiving_unit_id }));
  }

  /** Dossiers a unit took part in (received, or held a step), newest first; optional status, code or applicant. */
  async search(filter: DossierSearchFilter): Promise<{ items: DossierState[]; total: number }> {
    const unitIds = filter.unitIds && [...filter.unitIds];
    if (unitIds && unitIds.length === 0) return { items: [], total: 0 };
    if (unitIds === null || filter.code || filter.applicantIdNumber) {
      // All dossiers, or a few found by code or applicant (each an index): the dossiers table, the units checked per row.
      let query = this.db.selectFrom('dossiers');
      if (unitIds) query = query.where((eb) => eb.exists(eb.selectFrom('dossier_units').select('dossier_units.unit_id').whereRef('dossier_units.dossier_id', '=', 'dossiers.id').where('dossier_units.unit_id', 'in', unitIds)));
      if (filter.status) query = query.where('dossiers.status', '=', filter.status);
      if (filter.code) query = query.where('dossiers.code', '=', filter.code);
      if (filter.applicantIdNumber) query = query.where('dossiers.applicant_id_number', '=', filter.applicantIdNumber);
      const total = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      if (filter.offset >= total) return { items: [], total }; // nothing to read (a walk would read every dossier)
      let page = query;
      if (unitIds === null && filter.status && !filter.code && !filter.applicantIdNumber && total > this.walkNewestAbove) {
        // Every dossier of a common status: walk the newest-first index and skip the others, rather than sort every
        // dossier of the status (SQLite took that plan: 4–26 s for the returned ones with 1,000,000 stored). The
        // status is compared through an expression so that no planner picks the status index for it.
        page = this.db.selectFrom('dossiers').where(sql<string>`${sql.ref('dossiers.status')} || ''`, '=', filter.status);
      }
      const rows = await page.select('dossiers.state').orderBy('dossiers.created_at', 'desc').orderBy('dossiers.id').limit(filter.limit).offset(filter.offset).execute();
      return { items: rows.map((r) => readJson<DossierState>(r.state)), total };
    }
    // Some units' dossiers: one range of (unit, [status,] created_at desc, dossier, receiving unit) per unit. A
    // dossier in two of the units has a row in each: counted once as the row of its receiving unit when that is one
    // of them, and otherwise de-duplicated among the (few) rows of dossiers received elsewhere.
    const units = this.db.selectFrom('dossier_units');
    let rows = unitIds.length === 1 ? units.where('unit_id', '=', unitIds[0]!) : units.where('unit_id', 'in', unitIds);
    if (filter.status) rows = rows.where('status', '=', filter.status);
    let total: number;
    if (unitIds.length === 1) total = Number((await rows.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    else {
      const receivedHere = await rows.whereRef('receiving_unit_id', '=', 'unit_id').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const elsewhere = await this.db
        .selectFrom(rows.where('receiving_unit_id', 'not in', unitIds).select('dossier_id').distinct().as('found'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      total = Number(receivedHere.n) + Number(elsewhere.n);
    }
    if (filter.offset >= total) return { items: [], total };
    // The page's ids from the index alone (skipping `offset` entries there), then their rows.
    let page = rows.select(['dossier_id', 'created_at']);
    if (unitIds.length > 1) page = page.distinct();
    const paged = page.orderBy('created_at', 'desc').orderBy('dossier_id').limit(filter.limit).offset(filter.offset);
    const found = await this.db
      .selectFrom(paged.as('page'))
      .innerJoin('dossiers', 'dossiers.id', 'page.dossier_id')
      .select('dossiers.state')
      .orderBy('page.created_at', 'desc')
      .orderBy('page.dossier_id')
      .execute();
    return { items: found.map((r) => readJson<DossierState>(r.state)), total };
  }
}
