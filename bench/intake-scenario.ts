// The intake target: online submission on the real app against the naive durable write (a bare route, one INSERT
// and its own fsync per request), both servers up at once and measured in alternating slots (bench/interleaved-load.ts).
// Taken as two scenarios a minute apart, the machine's drift decided the ratio: the server CPU per request of the
// same code moved by 1.5–1.75× between consecutive runs (0.124–0.218 ms for the baseline, 0.205–0.351 ms for intake),
// and the ratio between 0.54 and 1.59 with it.
import path from 'node:path';
import { startServer, type RunningServer } from './child-server.js';
import { countStatus, filing, type Session } from './dossier-journeys.js';
import type { DossierFigure } from './dossier-scenarios.js';
import { autocannonSide, measureInterleaved, type SideFigures } from './interleaved-load.js';
import type { ScenarioEnv } from './scenarios.js';

export async function intakeAgainstBaseline(env: ScenarioEnv, s: Session, app: RunningServer): Promise<DossierFigure[]> {
  const baseline = await startServer({ script: 'baseline-durable-write.ts', readyPath: '/count', env: { BENCH_DB_FILE: path.join(env.tmpDir, 'baseline-interleaved.db') } }, env.serverCpu);
  try {
    const before = await countStatus(s, 'submitted');
    const a = autocannonSide({ url: `${baseline.url}/write`, method: 'POST' }, env.settings, baseline.pid);
    const refusals = new Map<string, number>();
    const onFailure = (status: number, body: string) => {
      const key = `${status} ${refusalOf(body)}`;
      refusals.set(key, (refusals.get(key) ?? 0) + 1);
    };
    const b = autocannonSide({ url: `${s.url}/api/v1/public/dossiers`, method: 'POST', body: JSON.stringify({ ...filing(s, 1), submit: true }), onFailure }, env.settings, app.pid);
    process.stdout.write(`  intake-online [sqlite]: warm-up ${env.settings.warmupSeconds} s each, then the naive durable write (A) and intake (B) in alternating slots: `);
    const figures = await measureInterleaved(a, b, env.settings, 2, (text) => process.stdout.write(text));
    console.log(`→ ratio ${figures.ratio.toFixed(2)} (pairs ${figures.pairRatios.map((r) => r.toFixed(2)).join(', ')})`);
    const rows = ((await (await fetch(`${baseline.url}/count`)).json()) as { rows: number }).rows;
    const stored = (await countStatus(s, 'submitted')) - before;
    const inFlight = (1 + figures.slots.length) * env.settings.connections; // autocannon stops with requests in flight: written, not counted
    const check = (written: number, side: SideFigures, what: string) => {
      const extra = written - side.all2xx;
      return `${extra >= 0 && extra <= inFlight ? 'ok' : 'MISMATCH'}: ${written} ${what} for ${side.all2xx} 2xx answers (warm-up included)`;
    };
    const cpu = (side: SideFigures) => (side.cpuMsPerAnswer === null ? [] : [`the server process used ${side.cpuMsPerAnswer.toFixed(3)} ms of CPU per 2xx answer during its slots (all threads)`]);
    const slots = `${figures.slots.length} alternating slots of ${figures.slots[0]!.seconds.toFixed(1)} s, A B B A twice, after a ${env.settings.warmupSeconds} s warm-up of each`;
    const figure = (scenario: DossierFigure['scenario'], side: SideFigures, description: string, notes: string[]): DossierFigure => ({
      scenario,
      dialect: 'sqlite',
      description,
      perSecond: side.perSecond,
      unit: 'req/s',
      p50: side.p50,
      p99: side.p99,
      ok: side.ok,
      failed: side.failed,
      notes: [...notes, ...(side.warmupProblems > 0 ? [`warm-up had ${side.warmupProblems} failures`] : [])],
    });
    return [
      figure('intake-baseline', figures.a, `A: the naive durable write (bare Fastify 5 + better-sqlite3, one INSERT + COMMIT with its fsync per request), measured alternately with B (${slots}; p99 the worst slot's)`, [check(rows, figures.a, 'rows in the database'), ...cpu(figures.a)]),
      figure('intake-online', figures.b, 'B: POST /api/v1/public/dossiers, submit: true (a fresh database), alternately with A', [
        check(stored, figures.b, 'submitted dossiers stored'),
        ...cpu(figures.b),
        ...(refusals.size > 0 ? [`failed answers (warm-up included): ${[...refusals].map(([what, n]) => `${n} × ${what}`).join(', ')}`] : []),
        `B/A by adjacent pair of slots: ${figures.pairRatios.map((r) => r.toFixed(2)).join(', ')}; over all slots ${figures.ratio.toFixed(2)}`,
      ]),
    ];
  } finally {
    await baseline.stop();
  }
}

/** An error answer's code and reason (the error model: { error: { code, details: { reason } } }). */
function refusalOf(body: string): string {
  try {
    const { error } = JSON.parse(body) as { error?: { code?: string; details?: { reason?: string } } };
    return [error?.code, error?.details?.reason].filter(Boolean).join(' ') || 'unknown';
  } catch {
    return 'not JSON';
  }
}
