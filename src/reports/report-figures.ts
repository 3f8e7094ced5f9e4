// The figures of a report row from counter sums. Pure arithmetic; the invariants of form II.06a hold by
// construction and are tested: (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13);
// (3) = (7) + (11); and a period's carried-over count is the previous period's closing in-progress count.
import { MEASURES, zeroMeasures, type Measures } from './report-facts.js';

/** Counter sums of one group, per national channel (1 in person, 2 online, 3 postal). */
export type ChannelSums = ReadonlyMap<number, Measures>;

export interface ReportFigures {
  /** (3) received: total = (4) + (5) + (6). */
  readonly received: number;
  /** (4) of which online. */
  readonly receivedOnline: number;
  /** (5) of which in person or by post. */
  readonly receivedInPersonOrPostal: number;
  readonly receivedInPerson: number;
  readonly receivedPostal: number;
  /** (6) carried over from the previous period (in progress at its end). */
  readonly carriedOver: number;
  /** (7) resolved: total = (8) + (9) + (10). */
  readonly resolved: number;
  readonly resolvedEarly: number;
  /** (9) on time, including dossiers withdrawn or stopped at the applicant's request (the form's note). */
  readonly resolvedOnTime: number;
  readonly resolvedLate: number;
  /** The 766 table's "processed": resolved, returned or withdrawn (stops are counted with the paused). */
  readonly processed: number;
  readonly processedOnTime: number;
  /** Of the resolved: refusals after appraisal, withdrawals, stops at the applicant's request. */
  readonly refused: number;
  readonly withdrawn: number;
  readonly stopped: number;
  /** (11) in progress at the end of the period = (12) + (13). */
  readonly inProgress: number;
  /** (12) within the deadline, including dossiers waiting for the applicant's supplement or payment. */
  readonly inProgressWithinTime: number;
  /** (13) overdue. */
  readonly inProgressOverdue: number;
  /** Of the in progress: waiting for a supplement, waiting for payment (clock paused). */
  readonly pausedSupplement: number;
  readonly pausedPayment: number;
  /** Not received at all in the period: refused at the desk, returned for completion. */
  readonly refusedAtReceipt: number;
  readonly returnedForCompletion: number;
  /** Average calendar days from receipt to the result, over the dossiers decided in the period; null if none. */
  readonly averageResolutionDays: number | null;
  /** (8 + 9) ÷ 7, in percent with 2 decimals; null if nothing was resolved. */
  readonly onTimeRate: number | null;
  /** Decision 766 indicator 2.1: (8 + 9 + 12) ÷ 3 — open dossiers count by where they stand at the end; null if 3 is 0. */
  readonly indicator21: number | null;
}

export function sumMeasures(parts: Iterable<Measures>): Measures {
  const total = zeroMeasures();
  for (const part of parts) for (const m of MEASURES) total[m] += part[m];
  return total;
}

function channel(sums: ChannelSums, code: number): Measures {
  return sums.get(code) ?? zeroMeasures();
}

function ended(m: Measures): number {
  return m.ended_early + m.ended_on_time + m.ended_late + m.withdrawn + m.stopped;
}

function percent(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 100;
}

/**
 * The figures of a row: `before` sums every bucket before the period, `during` the buckets of the period.
 * Flows (received, resolved) come from `during`; stocks at the period's edges (carried over, in progress,
 * overdue, paused) from the cumulative sums.
 */
export function reportFigures(before: ChannelSums, during: ChannelSums): ReportFigures {
  const b = sumMeasures(before.values());
  const d = sumMeasures(during.values());
  const upToEnd = sumMeasures([b, d]);
  const receivedOnline = channel(during, 2).received;
  const receivedInPerson = channel(during, 1).received;
  const receivedPostal = channel(during, 3).received;
  const carriedOver = b.received - ended(b);
  const received = receivedOnline + receivedInPerson + receivedPostal + carriedOver;
  const resolvedEarly = d.ended_early;
  const resolvedOnTime = d.ended_on_time + d.withdrawn + d.stopped;
  const resolvedLate = d.ended_late;
  const resolved = resolvedEarly + resolvedOnTime + resolvedLate;
  const inProgress = upToEnd.received - ended(upToEnd);
  const inProgressOverdue = upToEnd.due - upToEnd.due_met - upToEnd.ended_after_due;
  const decided = d.ended_early + d.ended_on_time + d.ended_late;
  const inProgressWithinTime = inProgress - inProgressOverdue;
  return {
    received,
    receivedOnline,
    receivedInPersonOrPostal: receivedInPerson + receivedPostal,
    receivedInPerson,
    receivedPostal,
    carriedOver,
    resolved,
    resolvedEarly,
    resolvedOnTime,
    resolvedLate,
    processed: resolved - d.stopped,
    processedOnTime: resolvedOnTime - d.stopped,
    refused: d.refused,
    withdrawn: d.withdrawn,
    stopped: d.stopped,
    inProgress,
    inProgressWithinTime,
    inProgressOverdue,
    pausedSupplement: upToEnd.supplement_started - upToEnd.supplement_ended,
    pausedPayment: upToEnd.payment_started - upToEnd.payment_ended,
    refusedAtReceipt: d.refused_at_receipt,
    returnedForCompletion: d.returned_for_completion,
    averageResolutionDays: decided === 0 ? null : Math.round((d.ended_minutes / decided / 1440) * 100) / 100,
    onTimeRate: percent(resolvedEarly + resolvedOnTime, resolved),
    indicator21: percent(resolvedEarly + resolvedOnTime + inProgressWithinTime, received),
  };
}
