// What a dossier contributes to the statistics, as a pure function of its state: "received on day R",
// "ended early on day E", "due on day D", "supplement pause started on day P"… Counters are the sums of
// these contributions over all dossiers, kept by adding (after − before) in the write transaction of
// every command; reconciliation folds the events again and sums the same function, so the two cannot
// disagree by construction. Days are Vietnam's legal dates (UTC+7, no daylight saving).
import { nationalChannelOf, openPause, type DossierState } from '../dossiers/dossier.js';

/** The measures a counter row holds (one column each). */
export const MEASURES = [
  'received',
  'ended_early',
  'ended_on_time',
  'ended_late',
  'refused',
  'withdrawn',
  'stopped',
  'ended_minutes',
  'due',
  'due_met',
  'ended_after_due',
  'supplement_started',
  'supplement_ended',
  'payment_started',
  'payment_ended',
  'refused_at_receipt',
  'returned_for_completion',
] as const;

export type Measure = (typeof MEASURES)[number];
export type Measures = Record<Measure, number>;

/** The dimensions of a counter row (besides the bucket). */
export interface CounterKey {
  readonly unitId: string;
  readonly procedureVersionId: string;
  /** National channel code: 1 in person, 2 online (and messaging), 3 postal. */
  readonly channel: 1 | 2 | 3;
  /** The desk officer who received the dossier; '' when none. */
  readonly officerId: string;
  readonly procedureCode: string;
  readonly fieldCode: string;
}

export interface Contribution {
  readonly day: string;
  readonly measure: Measure;
  readonly amount: number;
}

export interface DossierFacts {
  readonly key: CounterKey;
  readonly items: readonly Contribution[];
}

export type Grain = 'd' | 'm';

export interface CounterDelta {
  readonly key: CounterKey;
  readonly grain: Grain;
  /** 'YYYY-MM-DD' for days, 'YYYY-MM' for months. */
  readonly bucket: string;
  readonly values: Partial<Measures>;
}

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** The legal date ('YYYY-MM-DD') of an ISO instant in Vietnam (UTC+7 all year). */
export function legalDayOf(instant: string): string {
  // Most instants are stored as toISOString() gives them; before 17:00 UTC their legal date is their UTC date.
  if (instant.length === 24 && instant.charCodeAt(23) === 90 /* Z */ && instant.charCodeAt(10) === 84 /* T */ && (instant.charCodeAt(11) - 48) * 10 + instant.charCodeAt(12) - 48 < 17) {
    return instant.slice(0, 10);
  }
  return new Date(Date.parse(instant) + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instant at which a legal day starts (00:00 in Vietnam). */
export function startOfLegalDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - VIETNAM_OFFSET_MS).toISOString();
}

const ZERO: Measures = Object.freeze(Object.fromEntries(MEASURES.map((m) => [m, 0])) as Measures);

export function zeroMeasures(): Measures {
  return { ...ZERO };
}

/**
 * The contributions of one dossier. Cancelled dossiers (entered by mistake) and drafts contribute nothing;
 * dossiers refused or returned for completion at the desk count only as such (they were never received).
 *
 * - `received` on the day of receipt;
 * - at the processing end (766: the first of resolved, returned, stopped, withdrawn): `withdrawn`, `stopped`,
 *   or `ended_<timeliness>` (with `refused` for a refusal after appraisal, and the minutes it took);
 * - against the legal appointment: `due` on its day, and either `due_met` there (ended by then, or paused
 *   before it and still waiting for the applicant) or `ended_after_due` on the day it ended late. So the
 *   dossiers overdue at the end of day D are Σ(due − due_met) over days ≤ D − Σ ended_after_due over days ≤ D;
 * - `<pause>_started` and `<pause>_ended` on the days a supplement or payment pause began and ended.
 */
export function contributionsOf(state: DossierState | null): DossierFacts | null {
  if (!state || state.status === 'cancelled' || state.status === 'draft') return null;
  // States are immutable values: a dossier's state after one command is the state before the next (a remembered
  // one is the same object), so its facts are computed once.
  if (factsOfState.has(state)) return factsOfState.get(state)!;
  const facts = computeContributions(state);
  factsOfState.set(state, facts);
  return facts;
}

const factsOfState = new WeakMap<DossierState, DossierFacts | null>();

/** One contribution on the legal day of an instant (a module function: a closure per dossier cost more than the push). */
function add(items: Contribution[], instant: string, measure: Measure, amount = 1): void {
  items.push({ day: legalDayOf(instant), measure, amount });
}

function computeContributions(state: DossierState): DossierFacts | null {
  const key: CounterKey = {
    unitId: state.receivingUnitId,
    procedureVersionId: state.procedure.versionId,
    channel: nationalChannelOf(state.channel),
    officerId: state.receivedBy ?? '',
    procedureCode: state.procedure.code,
    fieldCode: state.procedure.fieldCode,
  };
  const items: Contribution[] = [];
  if (state.receivedAt === null) {
    if (state.atReceipt) add(items, state.atReceipt.at, state.atReceipt.outcome === 'refused' ? 'refused_at_receipt' : 'returned_for_completion');
    return items.length > 0 ? { key, items } : null;
  }
  add(items, state.receivedAt, 'received');
  const endedAt = state.resolvedAt;
  if (endedAt) {
    if (state.status === 'withdrawn') add(items, endedAt, 'withdrawn');
    else if (state.status === 'stopped') add(items, endedAt, 'stopped');
    else {
      add(items, endedAt, state.timeliness === 'early' ? 'ended_early' : state.timeliness === 'late' ? 'ended_late' : 'ended_on_time');
      if (state.decision?.outcome === 'refused') add(items, endedAt, 'refused');
      add(items, endedAt, 'ended_minutes', Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(state.receivedAt)) / 60_000)));
    }
  }
  if (state.legalDueAt) {
    const due = Date.parse(state.legalDueAt);
    add(items, state.legalDueAt, 'due');
    if (endedAt) {
      if (Date.parse(endedAt) <= due) add(items, state.legalDueAt, 'due_met');
      else add(items, endedAt, 'ended_after_due');
    } else {
      // Waiting for the applicant since before the appointment: the clock is stopped, not overdue.
      const pause = openPause(state);
      if (pause && Date.parse(pause.from) <= due) add(items, state.legalDueAt, 'due_met');
    }
  }
  for (const pause of state.pauses) {
    add(items, pause.from, pause.kind === 'supplement' ? 'supplement_started' : 'payment_started');
    if (pause.to) add(items, pause.to, pause.kind === 'supplement' ? 'supplement_ended' : 'payment_ended');
  }
  return { key, items };
}

/** The identity of a counter row (its primary key) as one string. */
export function counterRowId(key: Pick<CounterKey, 'unitId' | 'procedureVersionId' | 'channel' | 'officerId'>, grain: Grain, bucket: string): string {
  return `${key.unitId}|${key.procedureVersionId}|${key.channel}|${key.officerId}|${grain}|${bucket}`;
}

/** Adds the facts (times a factor: −1 removes them) into an aggregate of counter deltas: each contribution to its day and its month. */
export function accumulate(into: Map<string, { key: CounterKey; grain: Grain; bucket: string; values: Measures }>, facts: DossierFacts | null, times: number): void {
  if (!facts) return;
  for (const item of facts.items) {
    addTo(into, facts.key, 'd', item.day, item.measure, times * item.amount);
    addTo(into, facts.key, 'm', item.day.slice(0, 7), item.measure, times * item.amount);
  }
}

function addTo(into: Map<string, { key: CounterKey; grain: Grain; bucket: string; values: Measures }>, key: CounterKey, grain: Grain, bucket: string, measure: Measure, amount: number): void {
  const id = counterRowId(key, grain, bucket);
  let entry = into.get(id);
  if (!entry) into.set(id, (entry = { key, grain, bucket, values: zeroMeasures() }));
  entry.values[measure] += amount;
}

/**
 * What a command changes in the counters: contributions after minus contributions before, without the
 * rows that do not change, in a stable order (PostgreSQL transactions then lock counter rows in the same
 * order and cannot deadlock on them).
 */
export function counterDeltas(before: DossierState | null, after: DossierState | null): CounterDelta[] {
  return batchDeltas([{ before, after }]);
}

/** The same counter key and the same contributions in the same order (so they cancel out exactly). */
function sameFacts(a: DossierFacts | null, b: DossierFacts | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.items.length !== b.items.length) return false;
  const [k, l] = [a.key, b.key];
  if (k.unitId !== l.unitId || k.procedureVersionId !== l.procedureVersionId || k.channel !== l.channel || k.officerId !== l.officerId || k.procedureCode !== l.procedureCode || k.fieldCode !== l.fieldCode) return false;
  return a.items.every((item, i) => item.day === b.items[i]!.day && item.measure === b.items[i]!.measure && item.amount === b.items[i]!.amount);
}

/** The deltas of many changes at once, summed (a bulk insert upserts each counter row once). */
export function batchDeltas(changes: ReadonlyArray<{ readonly before: DossierState | null; readonly after: DossierState | null }>): CounterDelta[] {
  const sums = new Map<string, { key: CounterKey; grain: Grain; bucket: string; values: Measures }>();
  for (const { before, after } of changes) {
    const added = contributionsOf(after);
    const taken = contributionsOf(before);
    // Most commands (taking up a step, completing one that does not end the processing) change nothing counted.
    if (sameFacts(added, taken)) continue;
    accumulate(sums, added, 1);
    accumulate(sums, taken, -1);
  }
  const deltas: CounterDelta[] = [];
  for (const id of [...sums.keys()].sort()) {
    const entry = sums.get(id)!;
    const values: Partial<Measures> = {};
    let changed = false;
    for (const measure of MEASURES) {
      if (entry.values[measure] !== 0) {
        values[measure] = entry.values[measure];
        changed = true;
      }
    }
    if (changed) deltas.push({ key: entry.key, grain: entry.grain, bucket: entry.bucket, values });
  }
  return deltas;
}
