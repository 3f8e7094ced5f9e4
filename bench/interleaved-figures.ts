// Two servers' figures from one interleaved measurement (bench/interleaved-load.ts), as dossier figures: each side's
// throughput and latency, what it really wrote set against its successes, its CPU per success, and B/A by pair of
// slots. Shared by the scale comparison (fresh against 1M) and the intake target (naive durable write against intake).
import type { DossierFigure } from './dossier-scenarios.js';
import { measureInterleaved, type LoadSide, type SideFigures } from './interleaved-load.js';
import type { ScenarioEnv } from './scenarios.js';

/** A side whose failures (read after the run) are worth a note each. */
export type SideWithFailures = LoadSide & { readonly failures?: readonly string[] };

export interface Comparison {
  readonly label: string;
  /** How the progress line names the two sides, e.g. 'fresh (A) and 1M (B)'. */
  readonly sideNames: string;
  /** After the run: what side i (0: A, 1: B) really wrote, to set against its successes. */
  readonly check: (i: 0 | 1) => Promise<{ written: number; what: string }>;
  readonly sides: readonly [SideWithFailures, SideWithFailures];
  readonly inFlight: number;
  readonly scenarios: readonly [DossierFigure['scenario'], DossierFigure['scenario']];
  readonly unit: DossierFigure['unit'];
  readonly what: readonly [string, string];
}

export async function compareInterleaved(env: ScenarioEnv, c: Comparison): Promise<DossierFigure[]> {
  process.stdout.write(`  ${c.label} [sqlite]: warm-up ${env.settings.warmupSeconds} s each, then ${c.sideNames} in alternating slots: `);
  const figures = await measureInterleaved(c.sides[0], c.sides[1], env.settings, 2, (text) => process.stdout.write(text));
  console.log(`→ ratio ${figures.ratio.toFixed(2)} (pairs ${figures.pairRatios.map((r) => r.toFixed(2)).join(', ')})`);
  const checks = [await c.check(0), await c.check(1)] as const;
  const slots = `${figures.slots.length} alternating slots of ${figures.slots[0]!.seconds.toFixed(1)} s, A B B A twice, after a ${env.settings.warmupSeconds} s warm-up of each`;
  const notes = (i: 0 | 1, side: SideFigures): string[] => {
    const { written, what } = checks[i];
    const extra = written - side.all2xx;
    const ok = extra >= 0 && extra <= (1 + figures.slots.length) * c.inFlight;
    return [
      `${ok ? 'ok' : 'MISMATCH'}: ${written} ${what} for ${side.all2xx} successes (warm-up included)`,
      ...(side.cpuMsPerAnswer === null ? [] : [`the server process used ${side.cpuMsPerAnswer.toFixed(3)} ms of CPU per success during its slots (all threads)`]),
      ...(side.warmupProblems > 0 ? [`warm-up had ${side.warmupProblems} failures`] : []),
      ...(c.sides[i].failures ?? []).map((failure) => `failure: ${failure}`),
    ];
  };
  const figure = (i: 0 | 1, side: SideFigures, description: string, extra: string[]): DossierFigure => ({
    scenario: c.scenarios[i],
    dialect: 'sqlite',
    description,
    perSecond: side.perSecond,
    unit: c.unit,
    p50: side.p50,
    p99: side.p99,
    ok: side.ok,
    failed: side.failed,
    notes: [...notes(i, side), ...extra],
  });
  const pairs = `B/A by adjacent pair of slots: ${figures.pairRatios.map((r) => r.toFixed(2)).join(', ')}; over all slots ${figures.ratio.toFixed(2)}`;
  return [
    figure(0, figures.a, `A: ${c.what[0]}, measured alternately with B (${slots}; p99 the worst slot's)`, []),
    figure(1, figures.b, `B: ${c.what[1]}, alternately with A`, [pairs]),
  ];
}
