// Events are the truth: fold every dossier's events again and compare with the stored projection
// (the state, the searchable columns, the task rows and the units the search finds it by). Used by `motcua verify` and the tests.
import { isDeepStrictEqual } from 'node:util';
import type { DossierContext } from './dossier-context.js';
import type { DossierState } from './dossier.js';
import { participatingUnits } from './dossier-units.repository.js';
import { dossierRow, taskRow } from './dossiers.repository.js';
import { evolve } from './evolve.js';

export interface VerifyReport {
  readonly checked: number;
  readonly mismatches: ReadonlyArray<{ readonly dossierId: string; readonly code: string | null; readonly differences: readonly string[] }>;
}

/** JSON round trip: what the database stores and gives back (no undefined, plain objects). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class VerifyService {
  constructor(private readonly ctx: DossierContext) {}

  async verifyOne(dossierId: string): Promise<string[]> {
    const repo = this.ctx.store.uow.read.dossiers;
    const [events, stored, units] = await Promise.all([repo.events(dossierId), repo.projection(dossierId), this.ctx.store.uow.read.dossierUnits.of(dossierId)]);
    if (!stored) return ['no projection row'];
    const differences: string[] = [];
    events.forEach((e, i) => {
      if (e.seq !== i + 1) differences.push(`event sequence has a gap at ${i + 1}`);
    });
    let folded: DossierState | null = null;
    try {
      for (const { event } of events) folded = evolve(folded, { ...event, dossierId });
    } catch (error) {
      return [`events cannot be folded: ${(error as Error).message}`];
    }
    if (!folded) return ['no events'];
    const expected = plain(folded);
    if (!isDeepStrictEqual(expected, plain(stored.state))) {
      for (const key of Object.keys(expected) as Array<keyof DossierState>) {
        if (!isDeepStrictEqual(plain(expected[key]) ?? null, plain(stored.state[key]) ?? null)) differences.push(`state.${key}`);
      }
    }
    const columns = dossierRow(folded, events.length) as Record<string, unknown>;
    for (const [column, value] of Object.entries(columns)) {
      if (!isDeepStrictEqual(value, stored.columns[column])) differences.push(`column ${column}: stored ${JSON.stringify(stored.columns[column])}, events give ${JSON.stringify(value)}`);
    }
    const expectedTasks = new Map(folded.tasks.map((t) => [t.id, taskRow(dossierId, t)]));
    if (expectedTasks.size !== stored.tasks.length) differences.push(`tasks: ${stored.tasks.length} stored, events give ${expectedTasks.size}`);
    for (const row of stored.tasks) {
      const want = expectedTasks.get(row.id);
      if (!want || !isDeepStrictEqual(plain(want), plain(row))) differences.push(`task ${row.id}`);
    }
    // The search's rows: each unit that took part once, with the dossier's status and the row's creation instant.
    const expectedUnits = participatingUnits(folded).map((unitId) => ({ unitId, status: folded.status, createdAt: stored.createdAt, receivingUnitId: folded.receivingUnitId }));
    const byUnit = (a: { unitId: string }, b: { unitId: string }) => a.unitId.localeCompare(b.unitId);
    if (!isDeepStrictEqual([...units].sort(byUnit), expectedUnits.sort(byUnit))) {
      differences.push(`dossier units: stored ${JSON.stringify(units.map((u) => [u.unitId, u.status]))}, events give ${JSON.stringify(expectedUnits.map((u) => [u.unitId, u.status]))}`);
    }
    return differences;
  }

  async verifyAll(options: { batchSize?: number; onProgress?: (checked: number) => void } = {}): Promise<VerifyReport> {
    const batchSize = options.batchSize ?? 500;
    const mismatches: Array<{ dossierId: string; code: string | null; differences: string[] }> = [];
    let checked = 0;
    let after: string | null = null;
    for (;;) {
      const ids: string[] = await this.ctx.store.uow.read.dossiers.idsAfter(after, batchSize);
      if (ids.length === 0) break;
      for (const id of ids) {
        const differences = await this.verifyOne(id);
        if (differences.length > 0) mismatches.push({ dossierId: id, code: (await this.ctx.store.uow.read.dossiers.find(id))?.state.code ?? null, differences });
      }
      checked += ids.length;
      after = ids[ids.length - 1]!;
      options.onProgress?.(checked);
    }
    return { checked, mismatches };
  }
}
