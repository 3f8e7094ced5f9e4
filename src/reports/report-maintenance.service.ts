// `motcua reports reconcile` and `motcua reports rebuild`: recompute every counter from the event log
// (fold each dossier's events, sum the contributions of the folded states) and compare it with the stored
// counters, or replace them. A difference means a write path bypassed the projection: there must be none.
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { DossiersRepository } from '../dossiers/dossiers.repository.js';
import type { DossierState } from '../dossiers/dossier.js';
import { evolve } from '../dossiers/evolve.js';
import type { ReportCountersRepository } from './report-counters.repository.js';
import { accumulate, contributionsOf, counterRowId, MEASURES, type CounterDelta, type CounterKey, type Grain, type Measure, type Measures } from './report-facts.js';

export interface MaintenanceRepositories {
  readonly dossiers: DossiersRepository;
  readonly reportCounters: ReportCountersRepository;
}

export interface CounterDifference {
  readonly unitId: string;
  readonly grain: Grain;
  readonly bucket: string;
  readonly procedureVersionId: string;
  readonly channel: number;
  readonly officerId: string;
  readonly measure: Measure;
  readonly stored: number;
  readonly fromEvents: number;
}

export interface ReconcileReport {
  readonly dossiers: number;
  readonly counterRows: number;
  readonly differences: CounterDifference[];
}

type Expected = Map<string, { key: CounterKey; grain: Grain; bucket: string; values: Measures }>;

const PAGE = 500;

export class ReportMaintenanceService {
  constructor(private readonly uow: UnitOfWork<MaintenanceRepositories>) {}

  /** The counters as the event log gives them: every dossier folded again. */
  private async fromEvents(repos: MaintenanceRepositories, onProgress?: (dossiers: number) => void): Promise<{ expected: Expected; dossiers: number }> {
    const expected: Expected = new Map();
    let after: string | null = null;
    let dossiers = 0;
    for (;;) {
      const ids: string[] = await repos.dossiers.idsAfter(after, PAGE);
      if (ids.length === 0) break;
      const events = await repos.dossiers.eventsOf(ids);
      for (const id of ids) {
        let state: DossierState | null = null;
        for (const { event } of events.get(id) ?? []) state = evolve(state, { ...event, dossierId: id });
        accumulate(expected, contributionsOf(state), 1);
      }
      dossiers += ids.length;
      after = ids[ids.length - 1]!;
      onProgress?.(dossiers);
    }
    return { expected, dossiers };
  }

  private async compare(repos: MaintenanceRepositories, onProgress?: (dossiers: number) => void): Promise<ReconcileReport> {
    const { expected, dossiers } = await this.fromEvents(repos, onProgress);
    const stored = await repos.reportCounters.all();
    const differences: CounterDifference[] = [];
    const seen = new Set<string>();
    for (const row of stored) {
      const id = counterRowId({ ...row, channel: row.channel as 1 | 2 | 3 }, row.grain, row.bucket);
      seen.add(id);
      const want = expected.get(id);
      for (const measure of MEASURES) {
        const fromEvents = want?.values[measure] ?? 0;
        if (row.values[measure] !== fromEvents) differences.push({ unitId: row.unitId, grain: row.grain, bucket: row.bucket, procedureVersionId: row.procedureVersionId, channel: row.channel, officerId: row.officerId, measure, stored: row.values[measure], fromEvents });
      }
    }
    for (const [id, want] of expected) {
      if (seen.has(id)) continue;
      for (const measure of MEASURES) {
        if (want.values[measure] !== 0) differences.push({ unitId: want.key.unitId, grain: want.grain, bucket: want.bucket, procedureVersionId: want.key.procedureVersionId, channel: want.key.channel, officerId: want.key.officerId, measure, stored: 0, fromEvents: want.values[measure] });
      }
    }
    return { dossiers, counterRows: stored.length, differences };
  }

  /**
   * Compares the stored counters with the event log. Read without blocking writers first; if that finds
   * differences (a command may have committed between the two reads), compare again on one consistent
   * snapshot (PostgreSQL: repeatable read; SQLite: the write path, where nothing moves) and report only
   * what that finds.
   */
  async reconcile(options: { onProgress?: (dossiers: number) => void } = {}): Promise<ReconcileReport> {
    const first = await this.compare(this.uow.read, options.onProgress);
    if (first.differences.length === 0) return first;
    return this.uow.snapshot((repos) => this.compare(repos));
  }

  /**
   * At start-up: dossiers exist but no counter does (a database from before the counters existed, or
   * restored without them), so the counters are built from the event log once. True if it did.
   */
  async fillIfMissing(): Promise<boolean> {
    if (!(await this.uow.read.reportCounters.isEmpty())) return false;
    if ((await this.uow.read.dossiers.idsAfter(null, 1)).length === 0) return false;
    await this.rebuild();
    return true;
  }

  /** Replaces every counter by the sums the event log gives, in one write transaction. */
  async rebuild(): Promise<{ dossiers: number; counterRows: number }> {
    return this.uow.write(async (repos) => {
      const { expected, dossiers } = await this.fromEvents(repos);
      await repos.reportCounters.deleteAll();
      const deltas: CounterDelta[] = [...expected.values()].filter((e) => MEASURES.some((m) => e.values[m] !== 0)).map((e) => ({ key: e.key, grain: e.grain, bucket: e.bucket, values: e.values }));
      await repos.reportCounters.add(deltas);
      return { dossiers, counterRows: deltas.length };
    });
  }
}
