// Drill-down: the exact list of dossiers behind any number of a report. Each candidate dossier's own
// figures are computed with the same contribution function and the same arithmetic as the counters
// (a report row is the sum of its dossiers' figures, each 0 or 1), so the list always adds up to the number.
import type { UnitOfWork } from '../db/unit-of-work.js';
import { STATUS_LABELS, type DossierState } from '../dossiers/dossier.js';
import { AppError } from '../errors/app-error.js';
import type { Actor } from '../identity/roles.js';
import type { DrillCandidateFilter, ReportDossiersRepository } from './report-dossiers.repository.js';
import { contributionsOf, startOfLegalDay, zeroMeasures } from './report-facts.js';
import { reportFigures, type ReportFigures } from './report-figures.js';
import type { ReportLabelsRepository } from './report-labels.repository.js';
import { addDays } from '../time/clock.js';
import { resolvePeriod, type ReportGroup, type ReportQuery, type ReportsService } from './reports.service.js';

export interface DrillRepositories {
  readonly reportDossiers: ReportDossiersRepository;
  readonly reportLabels: ReportLabelsRepository;
}

/** The figures a list can be asked for (the counts; rates and averages are not lists). */
export const DRILL_FIGURES = [
  'received',
  'receivedOnline',
  'receivedInPersonOrPostal',
  'receivedInPerson',
  'receivedPostal',
  'carriedOver',
  'resolved',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'processed',
  'processedOnTime',
  'refused',
  'withdrawn',
  'stopped',
  'inProgress',
  'inProgressWithinTime',
  'inProgressOverdue',
  'pausedSupplement',
  'pausedPayment',
  'refusedAtReceipt',
  'returnedForCompletion',
] as const satisfies ReadonlyArray<keyof ReportFigures>;
export type DrillFigure = (typeof DRILL_FIGURES)[number];

export interface DrillQuery extends ReportQuery {
  readonly figure: DrillFigure;
  /** The row's key in the report grouped by groupBy; absent: the total. */
  readonly group?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface DrillItem {
  readonly id: string;
  readonly code: string | null;
  readonly status: string;
  readonly statusLabel: { readonly vi: string; readonly en: string };
  readonly procedureCode: string;
  readonly procedureName: string;
  readonly fieldName: string;
  readonly applicantName: string;
  readonly receivingUnitId: string;
  readonly channel: string;
  readonly receivedAt: string | null;
  readonly legalDueAt: string | null;
  readonly dueAt: string | null;
  readonly resolvedAt: string | null;
  readonly timeliness: string | null;
}

/** One dossier's figures over a period: its contributions split into before and during the period. */
export function dossierFigures(state: DossierState, from: string, to: string): ReportFigures | null {
  const facts = contributionsOf(state);
  if (!facts) return null;
  const before = zeroMeasures();
  const during = zeroMeasures();
  for (const item of facts.items) {
    if (item.day < from) before[item.measure] += item.amount;
    else if (item.day <= to) during[item.measure] += item.amount;
  }
  return reportFigures(new Map([[facts.key.channel, before]]), new Map([[facts.key.channel, during]]));
}

function windowOf(figure: DrillFigure): DrillCandidateFilter['window'] {
  if (figure === 'carriedOver') return 'received_before';
  if (figure.startsWith('received') && figure !== 'received') return 'received_during';
  if (figure.startsWith('resolved') || figure.startsWith('processed') || figure === 'refused' || figure === 'withdrawn' || figure === 'stopped') return 'resolved_during';
  if (figure === 'refusedAtReceipt' || figure === 'returnedForCompletion') return 'not_received';
  return 'any';
}

const CHANNELS_OF: Record<string, string[]> = { '1': ['in_person'], '2': ['online', 'messaging'], '3': ['postal'] };

const PAGE = 1000;

export class ReportDrilldownService {
  constructor(
    private readonly uow: UnitOfWork<DrillRepositories>,
    private readonly reports: ReportsService,
  ) {}

  /** Every dossier behind the number (in receipt order), and the page asked for. */
  async dossiers(actor: Actor, query: DrillQuery): Promise<{ total: number; items: DrillItem[] }> {
    const period = resolvePeriod(query);
    const groupBy: ReportGroup = query.groupBy ?? 'none';
    if (groupBy !== 'none' && query.group === undefined) throw new AppError('REPORT_GROUP_REQUIRED');
    const { unitIds } = await this.reports.scope(actor, query.unitId, period);
    const filter: DrillCandidateFilter = {
      unitIds: groupBy === 'unit' ? unitIds.filter((id) => id === query.group) : unitIds,
      startsAt: startOfLegalDay(period.from),
      endsBefore: startOfLegalDay(addDays(period.to, 1)),
      window: windowOf(query.figure),
      ...(groupBy === 'field' ? { fieldCode: query.group! } : {}),
      ...(groupBy === 'procedure' ? { procedureCode: query.group! } : {}),
      ...(groupBy === 'channel' ? { channels: CHANNELS_OF[query.group!] ?? [] } : {}),
      ...(groupBy === 'onlineLevel' ? { versionIds: await this.uow.read.reportLabels.versionsAtOnlineLevel(query.group!) } : {}),
    };
    const matches: DossierState[] = [];
    let after: string | null = null;
    for (;;) {
      const page: DossierState[] = await this.uow.read.reportDossiers.candidates(filter, after, PAGE);
      for (const state of page) {
        if (groupBy === 'officer' && (state.receivedBy ?? '') !== query.group) continue;
        if (dossierFigures(state, period.from, period.to)?.[query.figure] === 1) matches.push(state);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    const when = (s: DossierState) => s.receivedAt ?? s.atReceipt?.at ?? s.createdAt;
    matches.sort((a, b) => when(a).localeCompare(when(b)) || (a.code ?? a.id).localeCompare(b.code ?? b.id));
    return { total: matches.length, items: matches.slice(query.offset, query.offset + query.limit).map(drillItem) };
  }
}

function drillItem(s: DossierState): DrillItem {
  return {
    id: s.id,
    code: s.code,
    status: s.status,
    statusLabel: STATUS_LABELS[s.status],
    procedureCode: s.procedure.code,
    procedureName: s.procedure.name,
    fieldName: s.procedure.fieldName,
    applicantName: s.applicant.name,
    receivingUnitId: s.receivingUnitId,
    channel: s.channel,
    receivedAt: s.receivedAt,
    legalDueAt: s.legalDueAt,
    dueAt: s.dueAt,
    resolvedAt: s.resolvedAt,
    timeliness: s.timeliness,
  };
}
