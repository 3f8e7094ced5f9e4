// Reports (báo cáo): the figures of a unit and everything below it over a period, grouped by field,
// procedure, receiving unit, channel, online level or officer, from the counters only — so a province-year
// costs the same at 10,000,000 dossiers as at 1,000.
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError } from '../errors/app-error.js';
import type { Actor } from '../identity/roles.js';
import { vietnamDateOf, type Clock } from '../time/clock.js';
import type { Unit } from '../units/unit.js';
import type { UnitsRepository } from '../units/units.repository.js';
import type { CounterGroup, ReportCountersRepository } from './report-counters.repository.js';
import { zeroMeasures, type Measures } from './report-facts.js';
import { reportFigures, sumMeasures, type ChannelSums, type ReportFigures } from './report-figures.js';
import type { ReportLabelsRepository } from './report-labels.repository.js';
import { bucketRanges, bucketsBefore, isValidPeriod, lastDayOfMonth, namedPeriod, nextMonth, type ReportPeriod } from './report-periods.js';
import { requireViewReports } from './reports.policy.js';

export interface ReportRepositories {
  readonly reportCounters: ReportCountersRepository;
  readonly reportLabels: ReportLabelsRepository;
  readonly units: UnitsRepository;
}

export const REPORT_GROUPS = ['none', 'unit', 'field', 'procedure', 'channel', 'onlineLevel', 'officer'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

export interface ReportQuery {
  readonly unitId: string;
  /** A named period ('2019', '2019-07', '2019-Q3', '2019-6M', '2019-9M'), or from/to. */
  readonly period?: string;
  readonly from?: string;
  readonly to?: string;
  readonly groupBy?: ReportGroup;
}

export interface Label {
  readonly vi: string;
  readonly en: string;
}

export interface ReportRow {
  readonly key: string;
  readonly label: Label;
  readonly figures: ReportFigures;
}

export interface Report {
  readonly unit: { readonly id: string; readonly code: string; readonly name: string };
  readonly period: ReportPeriod;
  readonly groupBy: ReportGroup;
  /** The receiving units counted: the unit's subtree on the period's first and last days. */
  readonly unitIds: string[];
  readonly rows: ReportRow[];
  readonly total: ReportFigures;
}

/** The longest period a report covers (the counters make any length cheap; this bounds mistakes). */
const MAX_PERIOD_YEARS = 20;

const CHANNEL_LABELS: Record<string, Label> = {
  '1': { vi: 'Trực tiếp', en: 'In person' },
  '2': { vi: 'Trực tuyến', en: 'Online' },
  '3': { vi: 'Qua bưu chính công ích', en: 'By public post' },
};

const ONLINE_LEVEL_LABELS: Record<string, Label> = {
  full_online: { vi: 'Dịch vụ công trực tuyến toàn trình', en: 'Fully online public service' },
  partly_online: { vi: 'Dịch vụ công trực tuyến một phần', en: 'Partly online public service' },
  offline: { vi: 'Chưa cung cấp trực tuyến', en: 'Not offered online' },
};

const COUNTER_GROUP: Record<ReportGroup, CounterGroup> = {
  none: 'none',
  unit: 'unit',
  field: 'field',
  procedure: 'procedure',
  channel: 'channel',
  onlineLevel: 'version',
  officer: 'officer',
};

type GroupedSums = Map<string, Map<number, Measures>>;

function addTo(grouped: GroupedSums, group: string, channel: number, values: Measures): void {
  let byChannel = grouped.get(group);
  if (!byChannel) grouped.set(group, (byChannel = new Map()));
  byChannel.set(channel, sumMeasures([byChannel.get(channel) ?? zeroMeasures(), values]));
}

export function resolvePeriod(query: { period?: string; from?: string; to?: string }): ReportPeriod {
  const period = query.period !== undefined ? namedPeriod(query.period) : query.from !== undefined && query.to !== undefined ? { from: query.from, to: query.to } : undefined;
  if (!period || !isValidPeriod(period)) throw new AppError('REPORT_PERIOD_INVALID');
  if (Number(period.to.slice(0, 4)) - Number(period.from.slice(0, 4)) > MAX_PERIOD_YEARS) throw new AppError('REPORT_PERIOD_INVALID', { reason: `at most ${MAX_PERIOD_YEARS} years` });
  return period;
}

export class ReportsService {
  constructor(
    private readonly uow: UnitOfWork<ReportRepositories>,
    private readonly clock: Clock,
  ) {}

  /**
   * The unit (as it stood on the period's last day it existed), checked for access, and the receiving units
   * counted: its subtree on the period's first and last days (a unit that moved in or out during the
   * period is counted for the whole period).
   */
  async scope(actor: Actor, unitId: string, period: ReportPeriod): Promise<{ unit: Unit; unitIds: string[] }> {
    const units = this.uow.read.units;
    const unit = (await units.findById(unitId, period.to)) ?? (await this.lastVersionWithin(unitId, period));
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    const asOf = unit.validTo !== null && unit.validTo < period.to ? unit.validTo : period.to;
    requireViewReports(actor, (await units.chainOf(unitId, asOf)) ?? [unitId]);
    const ids = new Set((await units.subtree(unitId, asOf)).map((u) => u.id));
    if (unit.validFrom <= period.from) for (const u of await units.subtree(unitId, period.from)) ids.add(u.id);
    return { unit, unitIds: [...ids].sort() };
  }

  private async lastVersionWithin(unitId: string, period: ReportPeriod): Promise<Unit | undefined> {
    const any = await this.uow.read.units.findById(unitId, period.from);
    if (!any) return undefined;
    return any.validTo !== null ? ((await this.uow.read.units.findById(unitId, any.validTo)) ?? any) : any;
  }

  async report(actor: Actor, query: ReportQuery): Promise<Report> {
    const period = resolvePeriod(query);
    const groupBy = query.groupBy ?? 'none';
    const { unit, unitIds } = await this.scope(actor, query.unitId, period);
    const counters = this.uow.read.reportCounters;
    const [before, during] = await Promise.all([
      counters.sums(unitIds, bucketsBefore(period.from), COUNTER_GROUP[groupBy]),
      counters.sums(unitIds, bucketRanges(period.from, period.to), COUNTER_GROUP[groupBy]),
    ]);
    const regroup = groupBy === 'onlineLevel' ? await this.uow.read.reportLabels.onlineLevels([...new Set([...before, ...during].map((r) => r.group))]) : undefined;
    const groupOf = (value: string) => (regroup ? (regroup.get(value) ?? 'offline') : value);
    const beforeByGroup: GroupedSums = new Map();
    const duringByGroup: GroupedSums = new Map();
    for (const r of before) addTo(beforeByGroup, groupOf(r.group), r.channel, r.values);
    for (const r of during) addTo(duringByGroup, groupOf(r.group), r.channel, r.values);
    const keys = [...new Set([...beforeByGroup.keys(), ...duringByGroup.keys()])];
    const labels = await this.labels(groupBy, keys);
    const empty: ChannelSums = new Map();
    const rows = keys
      .map((key) => ({ key, label: labels.get(key) ?? { vi: key, en: key }, figures: reportFigures(beforeByGroup.get(key) ?? empty, duringByGroup.get(key) ?? empty) }))
      .filter((row) => groupBy === 'none' || Object.values(row.figures).some((v) => typeof v === 'number' && v !== 0))
      .sort((a, b) => a.label.vi.localeCompare(b.label.vi, 'vi') || a.key.localeCompare(b.key));
    const total = reportFigures(mergeGroups(beforeByGroup), mergeGroups(duringByGroup));
    return { unit: { id: unit.id, code: unit.code, name: unit.name }, period, groupBy, unitIds, rows, total };
  }

  /**
   * Units (or fields…) ranked by the Decision 766 indicator 2.1 — open dossiers count by where they stand —
   * then by the on-time rate of the resolved, then by the number received. Rows with nothing received are left out.
   */
  async ranking(actor: Actor, query: ReportQuery): Promise<{ report: Report; ranked: Array<ReportRow & { rank: number }> }> {
    const report = await this.report(actor, { ...query, groupBy: query.groupBy && query.groupBy !== 'none' ? query.groupBy : 'unit' });
    const score = (row: ReportRow) => [row.figures.indicator21 ?? -1, row.figures.onTimeRate ?? -1, row.figures.received] as const;
    const sorted = report.rows
      .filter((row) => row.figures.received > 0)
      .sort((a, b) => {
        const [x, y] = [score(a), score(b)];
        return y[0] - x[0] || y[1] - x[1] || y[2] - x[2] || a.label.vi.localeCompare(b.label.vi, 'vi');
      });
    // Equal scores share a rank (1, 2, 2, 4).
    const ranked = sorted.map((row, i) => ({ ...row, rank: i + 1 }));
    for (let i = 1; i < ranked.length; i++) {
      const [x, y] = [score(ranked[i - 1]!), score(ranked[i]!)];
      if (x[0] === y[0] && x[1] === y[1] && x[2] === y[2]) ranked[i]!.rank = ranked[i - 1]!.rank;
    }
    return { report, ranked };
  }

  /** The figures of each month of a period (for the on-time rate over time), the first and last months clipped to it. */
  async monthly(actor: Actor, query: ReportQuery): Promise<Array<{ month: string; figures: ReportFigures }>> {
    const period = resolvePeriod(query);
    if (period.to.slice(0, 4) > String(Number(period.from.slice(0, 4)) + 4)) throw new AppError('REPORT_PERIOD_INVALID', { reason: 'a monthly series covers at most 5 years' });
    const months: Array<{ month: string; figures: ReportFigures }> = [];
    for (let month = period.from.slice(0, 7); month <= period.to.slice(0, 7); month = nextMonth(month)) {
      const from = `${month}-01` < period.from ? period.from : `${month}-01`;
      const last = lastDayOfMonth(month);
      const report = await this.report(actor, { unitId: query.unitId, from, to: last > period.to ? period.to : last });
      months.push({ month, figures: report.total });
    }
    return months;
  }

  private async labels(groupBy: ReportGroup, keys: readonly string[]): Promise<Map<string, Label>> {
    const same = (names: Map<string, string>) => new Map([...names].map(([k, v]) => [k, { vi: v, en: v }]));
    const labels = this.uow.read.reportLabels;
    switch (groupBy) {
      case 'none':
        return new Map([['', { vi: 'Tổng cộng', en: 'Total' }]]);
      case 'unit':
        return same(await this.uow.read.units.namesOf(keys));
      case 'field':
        return same(await labels.fieldNames(keys));
      case 'procedure':
        return same(await labels.procedureNames(keys));
      case 'channel':
        return new Map(Object.entries(CHANNEL_LABELS));
      case 'onlineLevel':
        return new Map(Object.entries(ONLINE_LEVEL_LABELS));
      case 'officer': {
        const names = same(await labels.userNames(keys));
        names.set('', { vi: '(Không ghi nhận cán bộ tiếp nhận)', en: '(No receiving officer recorded)' });
        return names;
      }
    }
  }

  /** Today's legal date (for the date line of a printed form). */
  today(): string {
    return vietnamDateOf(this.clock.now());
  }
}

function mergeGroups(grouped: GroupedSums): ChannelSums {
  const merged = new Map<number, Measures>();
  for (const byChannel of grouped.values()) for (const [channel, values] of byChannel) merged.set(channel, sumMeasures([merged.get(channel) ?? zeroMeasures(), values]));
  return merged;
}
