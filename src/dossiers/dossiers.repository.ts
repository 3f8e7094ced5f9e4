// SQL for dossiers: the append-only events, the projection (row + tasks) written with them, the
// gap-free code counters and the idempotency keys.
import { sql, type Selectable } from 'kysely';
import { readJson, writeJson, type Executor } from '../db/database.js';
import { columnParams, PreparedFamily, PreparedQuery, type Param } from '../db/prepared.js';
import type { DossierEventsTable, DossiersTable, DossierTasksTable } from '../db/schema.js';
import type { DossierEvent } from './dossier-events.js';
import { nationalStatusOf, openPause, type DossierState, type Task } from './dossier.js';
import { awaitingTheDesk } from './dossier-units.repository.js';

/** The columns of the dossiers row for a state: pure, so verification recomputes them. */
export function dossierRow(state: DossierState, eventCount: number) {
  return {
    code: state.code,
    status: state.status,
    national_status: nationalStatusOf(state.status),
    channel: state.channel,
    receiving_unit_id: state.receivingUnitId,
    procedure_code: state.procedure.code,
    case_code: state.procedure.caseCode,
    procedure_version_id: state.procedure.versionId,
    field_code: state.procedure.fieldCode,
    process_definition_id: state.definitionId,
    applicant_name: state.applicant.name,
    applicant_id_number: state.applicant.idNumber,
    submitted_at: state.submittedAt,
    received_at: state.receivedAt,
    due_at: state.dueAt,
    legal_due_at: state.legalDueAt,
    resolved_at: state.resolvedAt,
    returned_at: state.returnedAt,
    timeliness: state.timeliness,
    outcome: state.decision?.outcome ?? null,
    is_paused: openPause(state) ? 1 : 0,
    has_apology: state.apology ? 1 : 0,
    event_count: eventCount,
  };
}

export function taskRow(dossierId: string, task: Task): Selectable<DossierTasksTable> {
  return {
    id: task.id,
    dossier_id: dossierId,
    step_key: task.stepKey,
    kind: task.kind,
    role: task.role,
    unit_id: task.unitId,
    assignee_id: task.assigneeId,
    status: task.status,
    started_at: task.startedAt,
    due_at: task.dueAt,
    finished_at: task.finishedAt,
    timeliness: task.timeliness,
  };
}

function eventRow(dossierId: string, seq: number, event: DossierEvent, now: string) {
  const { type, at, actorId, unitId, ...payload } = event;
  return { dossier_id: dossierId, seq, type, occurred_at: at, recorded_at: now, actor_user_id: actorId, unit_id: unitId, payload: writeJson(payload) };
}

/** Rows per multi-row insert: far below SQLite's limit of bound parameters (32,766) at ~30 columns. */
const BULK_ROWS = 500;

// The statements every command runs, compiled once (src/db/prepared.ts).
const findDossier = new PreparedQuery<'id', Pick<Selectable<DossiersTable>, 'state' | 'event_count' | 'draft_token_hash'>>((db, param) =>
  db.selectFrom('dossiers').select(['state', 'event_count', 'draft_token_hash']).where('id', '=', param('id')),
);
const EVENT_COLUMNS = ['dossier_id', 'seq', 'type', 'occurred_at', 'recorded_at', 'actor_user_id', 'unit_id', 'payload'] as const;
const nextSerialOf = new PreparedQuery((db, param: Param<'unitId' | 'day'>) =>
  db
    .insertInto('dossier_code_counters')
    .values({ unit_id: param('unitId'), day: param('day'), last_nr: 1 })
    .onConflict((oc) => oc.columns(['unit_id', 'day']).doUpdateSet({ last_nr: sql`dossier_code_counters.last_nr + 1` }))
    .returning('last_nr'),
);
/** Inserts and updates by their table and the columns they set; inserts of events by their number of rows. */
const writes = new PreparedFamily<never>();
const eventInserts = new PreparedFamily<never>();

/** One row into a table, compiled once per set of columns (the rows' mappings always give the same). */
function insertRow(db: Executor, table: 'dossiers' | 'dossier_tasks', row: Record<string, unknown>): Promise<unknown> {
  const columns = Object.keys(row);
  return writes.execute<string>(db, `insert ${table}:${columns.join(',')}`, (kysely, param) => kysely.insertInto(table).values(columnParams(columns, param) as never), row);
}

/**
 * Indexed columns are set only when they change: SQLite rewrites an index's entry whenever a column of it is
 * in the SET list, changed or not (and PostgreSQL can then update the row in place). The other columns are
 * always written, so the row stays the projection of the state.
 */
const DOSSIER_INDEXED = new Set(['code', 'status', 'receiving_unit_id', 'received_at', 'due_at', 'applicant_id_number']);
const TASK_INDEXED = new Set(['dossier_id', 'unit_id', 'status', 'role', 'due_at', 'assignee_id']);

function changedColumns(before: Record<string, unknown>, after: Record<string, unknown>, indexed: ReadonlySet<string>): string[] {
  return Object.keys(after).filter((column) => !indexed.has(column) || before[column] !== after[column]);
}

export interface StoredDossier {
  readonly state: DossierState;
  readonly eventCount: number;
  readonly draftTokenHash: string | null;
}

export interface StoredEvent {
  readonly seq: number;
  readonly recordedAt: string;
  readonly event: DossierEvent;
}

export interface TaskListFilter {
  /** The (unit, role) pairs whose steps are listed: a step is the actor's when its unit and role match one pair. */
  readonly holdings: ReadonlyArray<{ readonly unitId: string; readonly role: string }>;
  readonly assigneeId?: string;
  readonly unassignedOnly?: boolean;
  readonly dueBefore?: string;
  readonly limit: number;
  readonly offset: number;
}

function toStored(row: Pick<Selectable<DossiersTable>, 'state' | 'event_count' | 'draft_token_hash'>): StoredDossier {
  return { state: readJson<DossierState>(row.state), eventCount: row.event_count, draftTokenHash: row.draft_token_hash };
}

function toEvent(row: Selectable<DossierEventsTable>): StoredEvent {
  const payload = readJson<Record<string, unknown>>(row.payload);
  return {
    seq: row.seq,
    recordedAt: row.recorded_at,
    event: { ...payload, type: row.type, at: row.occurred_at, actorId: row.actor_user_id, unitId: row.unit_id } as DossierEvent,
  };
}

/**
 * Something else derived from a dossier's state and written in the same transaction as its projection
 * (the report counters): it sees the state before (null for a new dossier) and after every write.
 */
export interface DossierProjection {
  /**
   * Called in the write transaction of every dossier write. `events` and `seq` (the event count after the
   * write) are given for live commands, not for bulk inserts (imports and fixtures).
   */
  written(changes: ReadonlyArray<{ readonly before: DossierState | null; readonly after: DossierState; readonly events?: readonly DossierEvent[]; readonly seq?: number }>, now: string): Promise<void>;
}

export class DossiersRepository {
  constructor(
    private readonly db: Executor,
    private readonly projections: readonly DossierProjection[] = [],
  ) {}

  async find(id: string): Promise<StoredDossier | undefined> {
    const [row] = (await findDossier.execute(this.db, { id })).rows;
    return row && toStored(row);
  }

  async findByCode(code: string): Promise<StoredDossier | undefined> {
    const row = await this.db.selectFrom('dossiers').select(['state', 'event_count', 'draft_token_hash']).where('code', '=', code).executeTakeFirst();
    return row && toStored(row);
  }

  /** Inserts a new dossier with its first events and projection. */
  async insert(state: DossierState, events: readonly DossierEvent[], draftTokenHash: string | null, now: string): Promise<void> {
    await insertRow(this.db, 'dossiers', { id: state.id, ...dossierRow(state, events.length), draft_token_hash: draftTokenHash, state: writeJson(state), created_at: now, updated_at: now });
    await this.appendEvents(state.id, 0, events, now);
    await this.writeTasks(state.id, [], state.tasks);
    for (const projection of this.projections) await projection.written([{ before: null, after: state, events, seq: events.length }], now);
  }

  /**
   * Inserts many new dossiers at once (bulk imports, fixtures): multi-row statements, and the other
   * projections updated once for the whole batch. Same rows as `insert` one by one.
   */
  async insertMany(items: ReadonlyArray<{ readonly state: DossierState; readonly events: readonly DossierEvent[] }>, now: string): Promise<void> {
    for (let i = 0; i < items.length; i += BULK_ROWS) {
      const chunk = items.slice(i, i + BULK_ROWS);
      await this.db
        .insertInto('dossiers')
        .values(chunk.map(({ state, events }) => ({ id: state.id, ...dossierRow(state, events.length), draft_token_hash: null, state: writeJson(state), created_at: now, updated_at: now })))
        .execute();
      const events = chunk.flatMap(({ state, events }) => events.map((event, n) => eventRow(state.id, n + 1, event, now)));
      for (let j = 0; j < events.length; j += BULK_ROWS) await this.db.insertInto('dossier_events').values(events.slice(j, j + BULK_ROWS)).execute();
      const tasks = chunk.flatMap(({ state }) => state.tasks.map((task) => taskRow(state.id, task)));
      for (let j = 0; j < tasks.length; j += BULK_ROWS) await this.db.insertInto('dossier_tasks').values(tasks.slice(j, j + BULK_ROWS)).execute();
    }
    for (const projection of this.projections) await projection.written(items.map(({ state }) => ({ before: null, after: state })), now);
  }

  /**
   * Appends events after `expectedCount` and writes the new projection. Returns false if another
   * command got there first (the caller reloads and decides again).
   */
  async update(before: DossierState, after: DossierState, expectedCount: number, events: readonly DossierEvent[], now: string): Promise<boolean> {
    // Fields added to the row literal, not spread into a new one (slow in V8; see ARCHITECTURE.md).
    const row: Record<string, unknown> = dossierRow(after, expectedCount + events.length);
    row.state = writeJson(after);
    row.updated_at = now;
    const columns = changedColumns(dossierRow(before, expectedCount), row, DOSSIER_INDEXED);
    row.id = after.id;
    row.expected_count = expectedCount;
    const result = await writes.execute<string>(
      this.db,
      `update dossiers:${columns.join(',')}`,
      (db, param) =>
        db
          .updateTable('dossiers')
          .set(columnParams(columns, param))
          .where('id', '=', param('id'))
          .where('event_count', '=', param('expected_count')),
      row,
    );
    if (Number(result.numAffectedRows) !== 1) return false;
    await this.appendEvents(after.id, expectedCount, events, now);
    await this.writeTasks(after.id, before.tasks, after.tasks);
    for (const projection of this.projections) await projection.written([{ before, after, events, seq: expectedCount + events.length }], now);
    return true;
  }

  private async appendEvents(dossierId: string, after: number, events: readonly DossierEvent[], now: string): Promise<void> {
    if (events.length === 0) return;
    const values: Record<string, unknown> = {};
    events.forEach((event, i) => {
      const row = eventRow(dossierId, after + i + 1, event, now);
      for (const column of EVENT_COLUMNS) values[`${column}${i}`] = row[column];
    });
    await eventInserts.execute(
      this.db,
      String(events.length),
      (db, param) => db.insertInto('dossier_events').values(events.map((_, i) => columnParams(EVENT_COLUMNS, param, String(i)))),
      values,
    );
  }

  /** Writes the tasks that are new or changed. */
  private async writeTasks(dossierId: string, before: readonly Task[], after: readonly Task[]): Promise<void> {
    const old = new Map(before.map((t) => [t.id, t]));
    for (const task of after) {
      const previous = old.get(task.id);
      if (previous === task) continue; // evolve keeps the object of a task it did not change
      const row = taskRow(dossierId, task);
      if (previous === undefined) {
        await insertRow(this.db, 'dossier_tasks', row);
        continue;
      }
      const previousRow: Record<string, unknown> = taskRow(dossierId, previous);
      const current: Record<string, unknown> = row;
      // The row as it is (not `{ id, ...change }` spread back together: a rest object's copy is slow in V8).
      if (!Object.keys(current).some((column) => column !== 'id' && previousRow[column] !== current[column])) continue;
      const columns = changedColumns(previousRow, current, TASK_INDEXED).filter((column) => column !== 'id');
      await writes.execute<string>(
        this.db,
        `update dossier_tasks:${columns.join(',')}`,
        (db, param) =>
          db
            .updateTable('dossier_tasks')
            .set(columnParams(columns, param))
            .where('id', '=', param('id')),
        current,
      );
    }
  }

  /**
   * The next serial number of a receiving unit's day. An upsert on a counter row: rolled back with its
   * transaction, so numbers never have gaps (a sequence would leave holes); concurrent transactions wait
   * on the row (PostgreSQL) or are serialised by the single writer (SQLite).
   */
  async nextSerial(unitId: string, day: string): Promise<number> {
    const [row] = (await nextSerialOf.execute(this.db, { unitId, day })).rows;
    return Number(row!.last_nr);
  }

  /** Makes sure later numbers of a unit's day come after an imported one (a legacy code in our format). */
  async raiseSerialTo(unitId: string, day: string, serial: number): Promise<void> {
    await this.db
      .insertInto('dossier_code_counters')
      .values({ unit_id: unitId, day, last_nr: serial })
      .onConflict((oc) => oc.columns(['unit_id', 'day']).doUpdateSet({ last_nr: sql`case when dossier_code_counters.last_nr > ${serial} then dossier_code_counters.last_nr else ${serial} end` }))
      .execute();
  }

  async codeExists(code: string): Promise<boolean> {
    return (await this.db.selectFrom('dossiers').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
  }

  async events(dossierId: string): Promise<StoredEvent[]> {
    const rows = await this.db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', dossierId).orderBy('seq').execute();
    return rows.map(toEvent);
  }

  /** The events of several dossiers, each dossier's in order (for folding a page of dossiers at once). */
  async eventsOf(dossierIds: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    const result = new Map<string, StoredEvent[]>(dossierIds.map((id) => [id, []]));
    if (dossierIds.length === 0) return result;
    const rows = await this.db.selectFrom('dossier_events').selectAll().where('dossier_id', 'in', [...dossierIds]).orderBy('dossier_id').orderBy('seq').execute();
    for (const row of rows) result.get(row.dossier_id)?.push(toEvent(row));
    return result;
  }

  async tasksOf(dossierId: string): Promise<Array<Selectable<DossierTasksTable>>> {
    return this.db.selectFrom('dossier_tasks').selectAll().where('dossier_id', '=', dossierId).orderBy('started_at').orderBy('id').execute();
  }

  /** The stored projection of a dossier: its columns (as dossierRow names them) and its state. */
  async projection(dossierId: string): Promise<{ columns: Record<string, unknown>; createdAt: string; state: DossierState; tasks: Array<Selectable<DossierTasksTable>> } | undefined> {
    const row = await this.db.selectFrom('dossiers').selectAll().where('id', '=', dossierId).executeTakeFirst();
    if (!row) return undefined;
    const { id: _id, draft_token_hash: _t, created_at: createdAt, updated_at: _u, state, ...columns } = row;
    return { columns, createdAt, state: readJson<DossierState>(state), tasks: await this.tasksOf(dossierId) };
  }

  /** Ids in order, a page at a time (for verification over every dossier). */
  async idsAfter(afterId: string | null, limit: number): Promise<string[]> {
    let query = this.db.selectFrom('dossiers').select('id').orderBy('id').limit(limit);
    if (afterId) query = query.where('id', '>', afterId);
    return (await query.execute()).map((r) => r.id);
  }

  /**
   * Dossiers being processed (not paused) whose appointment is at or before `threshold`: the deadline check's
   * candidates, most urgent first.
   */
  async dueBy(threshold: string, limit: number): Promise<Array<{ id: string; code: string | null; dueAt: string }>> {
    const rows = await this.db
      .selectFrom('dossiers')
      .select(['id', 'code', 'due_at'])
      .where('status', 'in', ['received', 'processing'])
      .where('is_paused', '=', 0)
      .where('due_at', 'is not', null)
      .where('due_at', '<=', threshold)
      .orderBy('due_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, code: r.code, dueAt: r.due_at! }));
  }

  /** Active tasks for worklists, most urgent first. */
  async activeTasks(filter: TaskListFilter): Promise<{ items: Array<{ taskId: string; dossierId: string; state: DossierState }>; total: number }> {
    if (filter.holdings.length === 0 && !filter.assigneeId) return { items: [], total: 0 };
    // 'active' as a literal, not a bound parameter: the worklist indexes are partial (status = 'active'), and a
    // planner can use a partial index only when the query states its condition (SQLite at prepare time, PostgreSQL in a generic plan).
    let query = this.db.selectFrom('dossier_tasks').innerJoin('dossiers', 'dossiers.id', 'dossier_tasks.dossier_id').where('dossier_tasks.status', '=', sql.lit('active'));
    if (filter.assigneeId) query = query.where('dossier_tasks.assignee_id', '=', filter.assigneeId);
    else {
      // The IN lists let the planner search the partial index per (unit, role); SQLite's OR optimisation alone
      // does not use a partial index and would scan every active task. The OR keeps only the pairs held.
      query = query
        .where('dossier_tasks.unit_id', 'in', [...new Set(filter.holdings.map((h) => h.unitId))])
        .where('dossier_tasks.role', 'in', [...new Set(filter.holdings.map((h) => h.role))])
        .where((eb) => eb.or(filter.holdings.map((h) => eb.and([eb('dossier_tasks.unit_id', '=', h.unitId), eb('dossier_tasks.role', '=', h.role)]))));
    }
    if (filter.unassignedOnly) query = query.where('dossier_tasks.assignee_id', 'is', null);
    if (filter.dueBefore) query = query.where('dossier_tasks.due_at', '<=', filter.dueBefore);
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .select(['dossier_tasks.id as task_id', 'dossiers.id as dossier_id', 'dossiers.state as state'])
      .orderBy('dossier_tasks.due_at')
      .orderBy('dossier_tasks.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { items: rows.map((r) => ({ taskId: r.task_id, dossierId: r.dossier_id, state: readJson<DossierState>(r.state) })), total: Number(total.n) };
  }

  /** The dossiers waiting for one of these desks to receive them (`awaitsTheDesk`), oldest first: the "to receive" list. */
  async awaitingTheDesk(unitIds: readonly string[], limit: number, offset: number): Promise<{ items: DossierState[]; total: number }> {
    if (unitIds.length === 0) return { items: [], total: 0 };
    const query = this.db.selectFrom('dossiers').where((eb) => awaitingTheDesk(eb, unitIds));
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query.select('state').orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute();
    return { items: rows.map((r) => readJson<DossierState>(r.state)), total: Number(total.n) };
  }

  async findIdempotent(scope: string, key: string): Promise<{ requestHash: string; response: unknown } | undefined> {
    const row = await this.db.selectFrom('idempotency_keys').select(['request_hash', 'response']).where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
    return row && { requestHash: row.request_hash, response: readJson(row.response) };
  }

  async saveIdempotent(scope: string, key: string, requestHash: string, response: unknown, now: string): Promise<void> {
    await this.db.insertInto('idempotency_keys').values({ scope, key, request_hash: requestHash, response: writeJson(response), created_at: now }).execute();
  }
}
