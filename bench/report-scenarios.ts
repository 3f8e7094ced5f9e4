// The report benchmark: form II.06a for the demo province over the year 2026 (grouped by field), from the
// counters, on databases of 1,000,000 and 10,000,000 dossiers — against a naive query that scans the
// dossiers table for the same figures, measured in the same run on the same file. The naive query's totals
// are compared with the report's: a benchmark that disagreed would be measuring something else.
import path from 'node:path';
import BetterSqlite from 'better-sqlite3';
import { createServices } from '../src/composition.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/open-database.js';
import type { Actor } from '../src/identity/roles.js';
import { FORM_II06A, formTable } from '../src/reports/report-forms.js';
import { systemClock } from '../src/time/clock.js';
import { buildReportFixture, readReportFixtureInfo, type ReportFixtureInfo } from './report-fixture.js';
import { BENCH_DIR } from './settings.js';

export interface ReportBenchRow {
  readonly dossiers: number;
  readonly counterRows: number;
  readonly fixtureSeconds: number;
  readonly reportMedianMs: number;
  readonly reportP95Ms: number;
  readonly naiveMedianMs: number;
  readonly agrees: boolean;
}

const PERIOD = { from: '2026-01-01', to: '2026-12-31' };
const ONLINE = "('online', 'messaging')";

/** The II.06a totals straight from the dossier rows: the whole table read in order. */
function naiveTotals(db: BetterSqlite.Database, unitIds: readonly string[]) {
  const start = '2025-12-31T17:00:00.000Z'; // 01/01/2026 00:00 in Vietnam
  const end = '2026-12-31T17:00:00.000Z'; // 01/01/2027 00:00
  const sql = `
    select
      sum(case when received_at >= @start and received_at < @end and channel in ${ONLINE} then 1 else 0 end) as receivedOnline,
      sum(case when received_at >= @start and received_at < @end and channel not in ${ONLINE} then 1 else 0 end) as receivedInPersonOrPostal,
      sum(case when received_at < @start and (resolved_at is null or resolved_at >= @start) then 1 else 0 end) as carriedOver,
      sum(case when resolved_at >= @start and resolved_at < @end and timeliness = 'early' and status not in ('withdrawn', 'stopped') then 1 else 0 end) as resolvedEarly,
      sum(case when resolved_at >= @start and resolved_at < @end and (status in ('withdrawn', 'stopped') or timeliness = 'on_time' or timeliness is null) then 1 else 0 end) as resolvedOnTime,
      sum(case when resolved_at >= @start and resolved_at < @end and timeliness = 'late' and status not in ('withdrawn', 'stopped') then 1 else 0 end) as resolvedLate,
      sum(case when received_at < @end and (resolved_at is null or resolved_at >= @end) then 1 else 0 end) as inProgress,
      sum(case when received_at < @end and (resolved_at is null or resolved_at >= @end) and legal_due_at < @end and is_paused = 0 then 1 else 0 end) as inProgressOverdue
    from dossiers not indexed -- a plain sequential scan (through an index every row is a random read)
    where receiving_unit_id in (${unitIds.map(() => '?').join(', ')}) and status not in ('draft', 'cancelled') and received_at is not null`;
  return db.prepare(sql).get(...unitIds, { start, end }) as Record<string, number>;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

export async function measureReportsAt(count: number, log: (line: string) => void): Promise<ReportBenchRow> {
  const file = path.join(BENCH_DIR, '.tmp', `reports-${count}.db`);
  const info: ReportFixtureInfo = readReportFixtureInfo(file) ?? (await buildReportFixture(file, count, log));
  const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent' });
  const database = await openDatabase(config);
  try {
    const services = createServices(database, config, systemClock);
    const province = await database.reader.selectFrom('units').select('id').where('code', '=', '000.00.00.H01').executeTakeFirstOrThrow();
    const admin = await database.reader.selectFrom('users').select(['id', 'username']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    const actor: Actor = { userId: admin.id, username: admin.username, isSystemAdmin: true, roles: [] };
    const run = async () => formTable(FORM_II06A, await services.reports.report(actor, { unitId: province.id, ...PERIOD, groupBy: 'field' }), 'vi');
    for (let i = 0; i < 5; i++) await run(); // warm-up: statement cache, page cache
    const times: number[] = [];
    let table = await run();
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      table = await run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const report = await services.reports.report(actor, { unitId: province.id, ...PERIOD });

    const raw = new BetterSqlite(file, { readonly: true });
    raw.pragma('cache_size = -65536');
    const naiveTimes: number[] = [];
    let naive: Record<string, number> = {};
    for (let i = 0; i < (count > 2_000_000 ? 1 : 3); i++) {
      const started = performance.now();
      naive = naiveTotals(raw, report.unitIds);
      naiveTimes.push(performance.now() - started);
    }
    raw.close();
    naiveTimes.sort((a, b) => a - b);
    const agrees = Object.entries(naive).every(([name, value]) => (report.total as unknown as Record<string, number>)[name] === value);
    if (!agrees) log(`  reports: the naive query disagrees with the counters at ${count}: ${JSON.stringify(naive)} vs ${JSON.stringify(report.total)}`);
    log(`  reports at ${count.toLocaleString('en-US')} dossiers: II.06a ${table.rows.length} rows, median ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms; naive scan ${percentile(naiveTimes, 0.5).toFixed(0)} ms`);
    return { dossiers: info.dossiers, counterRows: info.counterRows, fixtureSeconds: info.seconds, reportMedianMs: percentile(times, 0.5), reportP95Ms: percentile(times, 0.95), naiveMedianMs: percentile(naiveTimes, 0.5), agrees };
  } finally {
    await database.close();
  }
}

export function reportsMarkdown(rows: readonly ReportBenchRow[]): string {
  if (rows.length === 0) return '';
  const lines = [
    '',
    '### Reports: form II.06a for a province-year (SQLite, in process)',
    '',
    'The demo province over 2026, grouped by field, from the report counters; against a naive query scanning the dossiers table for the same totals on the same file in the same run (its totals must equal the report’s). Fixtures made by bulk import (`bench/report-fixture.ts`). Target: under 100 ms at either size, flat in the number of dossiers.',
    '',
    '| dossiers | counter rows | II.06a median | II.06a p95 | naive scan median | naive ÷ counters | totals agree |',
    '|---:|---:|---:|---:|---:|---:|:---:|',
    ...rows.map((r) => `| ${r.dossiers.toLocaleString('en-US')} | ${r.counterRows.toLocaleString('en-US')} | ${r.reportMedianMs.toFixed(1)} ms | ${r.reportP95Ms.toFixed(1)} ms | ${r.naiveMedianMs.toFixed(0)} ms | ${(r.naiveMedianMs / r.reportMedianMs).toFixed(0)}× | ${r.agrees ? 'yes' : '**no**'} |`),
    '',
  ];
  if (rows.length >= 2) {
    const first = rows[0]!;
    const last = rows[rows.length - 1]!;
    lines.push(`From ${first.dossiers.toLocaleString('en-US')} to ${last.dossiers.toLocaleString('en-US')} dossiers the report's median went ×${(last.reportMedianMs / first.reportMedianMs).toFixed(2)}, the naive scan's ×${(last.naiveMedianMs / first.naiveMedianMs).toFixed(1)}.`, '');
  }
  return lines.join('\n');
}
