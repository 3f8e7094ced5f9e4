// SQL for the units that took part in each dossier (dossier_units, migrations 0012 and 0013: none while it awaits receipt): written in the transaction
// of every dossier write, like the report counters, and read by the staff search, which lists a unit's
// dossiers newest first from one index range instead of testing every dossier of a status.
import { sql, type ExpressionBuilder } from 'kysely';
import { readJson, type Executor } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { PreparedQuery } from '../db/prepared.js';
import type { DossierState } from './dossier.js';
import type { DossierProjection } from './dossiers.repository.js';

/**
 * A dossier not yet in the desk's hands: a draft, or submitted and waiting for the desk to receive it (or to ask
 * for a complete dossier, or refuse it). Online intake writes only the dossier and its events; the desk's search
 * finds these in the dossiers table (by receiving unit and status), and no other unit has a part in them yet.
 */
function awaitsReceipt(state: Pick<DossierState, 'status'>): boolean {
  return AWAITING_STATUSES.includes(state.status);
}

/**
 * The units that took part in a dossier once the desk has it: the receiving unit, then each unit that held one of
 * its steps, once. None while it awaits receipt (and none again if, returned for completion, it is submitted anew).
 */
export function participatingUnits(state: DossierState): string[] {
  if (awaitsReceipt(state)) return [];
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
 * Above this many dossiers of a status (in the whole database), a page of them is merged from each receiving unit's
 * newest-first range of the status; below it, sorting them costs less.
 */
const MERGE_UNITS_ABOVE = 5000;

/** Rows per multi-row insert (4 columns each: far below SQLite's limit of bound parameters). */
const BULK_ROWS = 500;

// The statements of live commands, compiled once (src/db/prepared.ts).
const insertUnit = new PreparedQuery((db, param) =>
  db.insertInto('dossier_units').values({ dossier_id: param('dossierId'), unit_id: param('unitId'), status: param('status'), created_at: param('createdAt'), receiving_unit_id: param('receivingUnitId') }),
);
const setStatus = new PreparedQuery((db, param) => db.updateTable('dossier_units').set({ status: param('status') }).where('dossier_id', '=', param('dossierId')));
const deleteUnits = new PreparedQuery((db, param) => db.deleteFrom('dossier_units').where('dossier_id', '=', param('dossierId')));
/** A unit joining a dossier (at receipt, or taking a step); the creation instant is the dossier row's (written just before, in this transaction). */
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
    private readonly mergeUnitsAbove = MERGE_UNITS_ABOVE,
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
      const hadRows = !awaitsReceipt(before);
      if (awaitsReceipt(after)) {
        // Submitted anew after the desk returned it for completion: awaiting receipt again.
        if (hadRows) await deleteUnits.execute(this.db, { dossierId: after.id });
        continue;
      }
      if (hadRows && before.status !== after.status) await setStatus.execute(this.db, { dossierId: after.id, status: after.status });
      if (hadRows && before.tasks.length === after.tasks.length) continue; // a step's unit never changes once started
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

  /**
   * Dossiers of some units, newest first, optionally of one status or found by code or applicant: those they took
   * part in (received, or held a step), and those awaiting their receipt. A citizen's online draft is the citizen's:
   * no unit's search lists it. `unitIds` null: every dossier, drafts included (system administrators, who run the
   * system; leaving online drafts out of their count would read every draft's row: 208 ms with 62,500 of them).
   */
  async search(filter: DossierSearchFilter): Promise<{ items: DossierState[]; total: number }> {
    const unitIds = filter.unitIds && [...filter.unitIds];
    if (unitIds && unitIds.length === 0) return { items: [], total: 0 };
    if (unitIds === null || filter.code || filter.applicantIdNumber) return this.searchDossiers(unitIds, filter);
    const { status, limit, offset } = filter;
    const awaiting = status === undefined || AWAITING_STATUSES.includes(status);
    const taking = status === undefined || !AWAITING_STATUSES.includes(status);
    const everyUnit = unitIds.length > 1 && (await this.filedWithEveryDossier(unitIds));
    const awaitingTotal = awaiting ? await this.awaitingCount(unitIds, status, everyUnit) : 0;
    const total = awaitingTotal + (taking ? (everyUnit ? await this.receivedCount(status) : await this.unitRowsCount(unitIds, status)) : 0);
    if (offset >= total) return { items: [], total };
    // Every unit, every status: one walk of the newest-first index instead of merging each unit's first rows; of a
    // status, the ranges of the units that received them (the few desks) instead of every unit's rows.
    if (everyUnit && status === undefined) return { items: await this.newestOfEveryUnit(unitIds, offset, limit), total };
    if (everyUnit && taking && status !== undefined) return { items: await this.states(await this.newestOfStatus(status, offset, limit, unitIds)), total };
    if (awaitingTotal === 0) return { items: await this.states(await this.unitRowsPage(unitIds, status, offset, limit)), total };
    if (!taking) return { items: await this.states(await this.awaitingPage(unitIds, status, offset, limit)), total };
    // Both kinds (no status asked): the first offset + limit of each, merged newest first. A dossier is of one kind
    // or the other (rows are written at receipt); one received between the two reads is shown once.
    const [rows, waiting] = [await this.unitRowsPage(unitIds, undefined, 0, offset + limit), await this.awaitingPage(unitIds, undefined, 0, offset + limit)];
    const merged = distinctNewestFirst([...rows, ...waiting]);
    return { items: await this.states(merged.slice(offset, offset + limit)), total };
  }

  /** Every dossier (system administrators), or the few of a code or applicant (each an index), the units checked per row. */
  private async searchDossiers(unitIds: string[] | null, filter: DossierSearchFilter): Promise<{ items: DossierState[]; total: number }> {
    let query = this.db.selectFrom('dossiers');
    if (unitIds) {
      query = query.where((eb) =>
        eb.or([
          eb.exists(eb.selectFrom('dossier_units').select('dossier_units.unit_id').whereRef('dossier_units.dossier_id', '=', 'dossiers.id').where('dossier_units.unit_id', 'in', unitIds)),
          awaitingTheDesk(eb, unitIds),
        ]),
      );
    }
    if (filter.status) query = query.where('dossiers.status', '=', filter.status);
    if (filter.code) query = query.where('dossiers.code', '=', filter.code);
    if (filter.applicantIdNumber) query = query.where('dossiers.applicant_id_number', '=', filter.applicantIdNumber);
    const total = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (filter.offset >= total) return { items: [], total }; // nothing to read
    if (unitIds === null && filter.status && !filter.code && !filter.applicantIdNumber && total > this.mergeUnitsAbove) {
      const units = await this.db.selectFrom('units').select('id').execute();
      return { items: await this.states(await this.newestOfStatus(filter.status, filter.offset, filter.limit, units.map((u) => u.id))), total };
    }
    const rows = await query.select('dossiers.state').orderBy('dossiers.created_at', 'desc').orderBy('dossiers.id').limit(filter.limit).offset(filter.offset).execute();
    return { items: rows.map((r) => readJson<DossierState>(r.state)), total };
  }

  /**
   * A page of the dossiers of a status received by some units (every unit, for a system administrator): the first
   * offset + limit of each receiving unit's (unit, status, created_at desc, id) range, merged. Sorting every dossier
   * of the status took SQLite 4–26 s for the returned ones with 1,000,000 stored; walking the newest-first index took
   * 1.9 s for the processing ones, rare among the newest; here 0–17 ms (one range per unit, empty ones included).
   */
  private async newestOfStatus(status: string, offset: number, limit: number, receivingUnitIds: readonly string[]): Promise<PageKey[]> {
    const keys: PageKey[] = [];
    for (const unitId of receivingUnitIds) {
      const range = this.db.selectFrom('dossiers').select(['id as dossier_id', 'created_at']).where('receiving_unit_id', '=', unitId).where('status', '=', status);
      keys.push(...(await range.orderBy('created_at', 'desc').orderBy('id').limit(offset + limit).execute()));
    }
    return distinctNewestFirst(keys).slice(offset, offset + limit);
  }

  /**
   * Every dossier was filed with one of the units (the province's supervisor and administrators: other units — a
   * central agency's tax office — may hold steps, but nobody files with them). Then the dossiers with rows in the
   * units are exactly those received (each has its receiving unit's row from receipt on), and those awaiting their
   * desks all those awaiting: counted from the dossiers' own indexes — 27 ms for the 455,854 returned with 1,514,572
   * stored, where counting the rows of 20 units, each dossier once, took 1.4–2 s. One index probe per other unit.
   */
  private async filedWithEveryDossier(unitIds: string[]): Promise<boolean> {
    const filedElsewhere = await this.db
      .selectFrom('units')
      .select('units.id')
      .where('units.id', 'not in', unitIds)
      .where((eb) => eb.exists(eb.selectFrom('dossiers').select('dossiers.id').whereRef('dossiers.receiving_unit_id', '=', 'units.id')))
      .limit(1)
      .execute();
    return filedElsewhere.length === 0;
  }

  /** Dossiers received (no longer awaiting receipt), of a status that is not an awaiting one, or all. */
  private async receivedCount(status: string | undefined): Promise<number> {
    const count = async (query: ReturnType<typeof this.allDossiers>) => Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (status !== undefined) return count(this.allDossiers().where('status', '=', status));
    return (await count(this.allDossiers())) - (await count(this.allDossiers().where('status', 'in', AWAITING_STATUSES)));
  }

  private allDossiers() {
    return this.db.selectFrom('dossiers');
  }

  /**
   * Every dossier received, and those awaiting the units' desks, newest first (for units every dossier was filed
   * with): the newest-first index, each row's status read as it goes.
   */
  private async newestOfEveryUnit(unitIds: string[], offset: number, limit: number): Promise<DossierState[]> {
    const rows = await this.allDossiers()
      .select('state')
      .where((eb) => eb.or([eb('status', 'not in', AWAITING_STATUSES), awaitingTheDesk(eb, unitIds)]))
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) => readJson<DossierState>(r.state));
  }

  /**
   * The units' rows: one range of (unit, [status,] created_at desc, dossier, receiving unit) per unit. A dossier in
   * two of the units has a row in each: counted once as the row of its receiving unit when that is one of them, and
   * otherwise de-duplicated among the (few) rows of dossiers received elsewhere — both in one pass of the indexes.
   */
  private unitRows(unitIds: string[], status: string | undefined) {
    const units = this.db.selectFrom('dossier_units');
    const rows = unitIds.length === 1 ? units.where('unit_id', '=', unitIds[0]!) : units.where('unit_id', 'in', unitIds);
    return status ? rows.where('status', '=', status) : rows;
  }

  private async unitRowsCount(unitIds: string[], status: string | undefined): Promise<number> {
    const rows = this.unitRows(unitIds, status);
    if (unitIds.length === 1) return Number((await rows.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    // One pass over the units' ranges (two, one per part, took twice as long: 0.7 s for the province's supervisor's
    // returned dossiers with 1,000,000 stored, 0.3 s here).
    const counted = await rows
      .select([
        sql<number | null>`sum(case when ${sql.ref('receiving_unit_id')} = ${sql.ref('unit_id')} then 1 else 0 end)`.as('here'),
        sql<number>`count(distinct case when ${sql.ref('receiving_unit_id')} not in (${sql.join(unitIds)}) then ${sql.ref('dossier_id')} end)`.as('elsewhere'),
      ])
      .executeTakeFirstOrThrow();
    return Number(counted.here ?? 0) + Number(counted.elsewhere);
  }

  /**
   * A page of the units' rows, from the index alone. One unit: its range, skipping `offset` entries there. Several:
   * the first offset + limit of each unit's range, merged newest first without the second row of a dossier — a
   * dossier's place among the distinct dossiers is never before its place in any one range, so these are enough.
   * Asked as one DISTINCT query, SQLite collected and sorted every row of every unit: 1.5 s for the province's
   * supervisor's returned dossiers with 1,000,000 stored.
   */
  private async unitRowsPage(unitIds: string[], status: string | undefined, offset: number, limit: number): Promise<PageKey[]> {
    const range = (ids: string[], skip: number, take: number) =>
      this.unitRows(ids, status).select(['dossier_id', 'created_at']).orderBy('created_at', 'desc').orderBy('dossier_id').limit(take).offset(skip).execute();
    if (unitIds.length === 1) return range(unitIds, offset, limit);
    const keys: PageKey[] = [];
    for (const unitId of unitIds) keys.push(...(await range([unitId], 0, offset + limit)));
    return distinctNewestFirst(keys).slice(offset, offset + limit);
  }

  /**
   * Dossiers awaiting the units' receipt, of a status or both: submitted (online), and the desk's own drafts
   * (messaging photos, postal hand-overs it completes); counted from the (receiving unit, status) index.
   */
  private async awaitingCount(unitIds: string[], status: string | undefined, everyUnit = false): Promise<number> {
    let total = 0;
    for (const part of awaitingParts(status)) {
      // Units every dossier was filed with: all the submitted ones, from the status index, whose entries are a third
      // the size of the unit index's (20 against 88 ms warm for 600,000 submitted; the unit index's took 0.4 s cold).
      const from = everyUnit && part === 'submitted' ? this.allDossiers().where('status', '=', part) : this.awaiting(unitIds, part);
      const query = from.select((eb) => eb.fn.countAll<number>().as('n'));
      total += Number((await query.executeTakeFirstOrThrow()).n);
    }
    return total;
  }

  /** A page of them: per unit and status, the index's newest first, merged (one sorted range each, not a sort of all). */
  private async awaitingPage(unitIds: string[], status: string | undefined, offset: number, limit: number): Promise<PageKey[]> {
    const keys: PageKey[] = [];
    for (const part of awaitingParts(status)) {
      for (const unitId of unitIds) {
        const found = await this.awaiting([unitId], part).select(['id as dossier_id', 'created_at']).orderBy('created_at', 'desc').orderBy('id').limit(offset + limit).execute();
        keys.push(...found);
      }
    }
    return distinctNewestFirst(keys).slice(offset, offset + limit);
  }

  private awaiting(unitIds: string[], status: AwaitingStatus) {
    const query = this.db.selectFrom('dossiers').where('status', '=', status);
    const mine = unitIds.length === 1 ? query.where('receiving_unit_id', '=', unitIds[0]!) : query.where('receiving_unit_id', 'in', unitIds);
    return status === 'draft' ? mine.where('channel', '!=', 'online') : mine;
  }

  /** The dossiers of a page, in its order. */
  private async states(keys: readonly PageKey[]): Promise<DossierState[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.selectFrom('dossiers').select(['id', 'state']).where('id', 'in', keys.map((k) => k.dossier_id)).execute();
    const byId = new Map(rows.map((r) => [r.id, r.state]));
    return keys.flatMap((k) => {
      const state = byId.get(k.dossier_id);
      return state === undefined ? [] : [readJson<DossierState>(state)];
    });
  }
}

/**
 * SQL of `awaitsTheDesk` (dossier.ts) for dossiers received by one of `unitIds`: the statuses as one list, so that
 * each (unit, status) is a range of the dossiers' (receiving unit, status, created_at, id, channel) index and the
 * channel is read from it — not every dossier of the unit. (The search's `awaiting` asks the same per status.)
 */
export function awaitingTheDesk(eb: ExpressionBuilder<DB, 'dossiers'>, unitIds: readonly string[]) {
  return eb.and([
    eb('dossiers.receiving_unit_id', 'in', [...unitIds]),
    eb('dossiers.status', 'in', AWAITING_STATUSES),
    eb.or([eb('dossiers.status', '!=', 'draft'), eb('dossiers.channel', '!=', 'online')]),
  ]);
}

type AwaitingStatus = 'draft' | 'submitted';
const AWAITING_STATUSES: readonly string[] = ['draft', 'submitted'] satisfies AwaitingStatus[];

function awaitingParts(status: string | undefined): AwaitingStatus[] {
  return status === 'draft' || status === 'submitted' ? [status] : ['submitted', 'draft'];
}

/** A dossier's place in the search's order: newest first, then by id. */
interface PageKey {
  readonly dossier_id: string;
  readonly created_at: string;
}

function newestFirst(a: PageKey, b: PageKey): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  return a.dossier_id < b.dossier_id ? -1 : a.dossier_id > b.dossier_id ? 1 : 0;
}

/** Keys in the search's order, each dossier once (its keys are equal, so they sort next to each other). */
function distinctNewestFirst(keys: PageKey[]): PageKey[] {
  return keys.sort(newestFirst).filter((key, i, all) => i === 0 || key.dossier_id !== all[i - 1]!.dossier_id);
}
