// The intake target: online submission on the real app against the naive durable write (a bare route, one INSERT
// and its own fsync per request), both servers up at once and measured in alternating slots (bench/interleaved-load.ts).
// Taken as two scenarios a minute apart, the machine's drift decided the ratio: the server CPU per request of the
// same code moved by 1.5–1.75× between consecutive runs (0.124–0.218 ms for the baseline, 0.205–0.351 ms for intake),
// and the ratio between 0.54 and 1.59 with it.
import path from 'node:path';
import { startServer, type RunningServer } from './child-server.js';
import { countStatus, filing, type Session } from './dossier-journeys.js';
import type { DossierFigure } from './dossier-scenarios.js';
import { compareInterleaved } from './interleaved-figures.js';
import { autocannonSide } from './interleaved-load.js';
import type { ScenarioEnv } from './scenarios.js';

export async function intakeAgainstBaseline(env: ScenarioEnv, s: Session, app: RunningServer): Promise<DossierFigure[]> {
  const baseline = await startServer({ script: 'baseline-durable-write.ts', readyPath: '/count', env: { BENCH_DB_FILE: path.join(env.tmpDir, 'baseline-interleaved.db') } }, env.serverCpu);
  try {
    const before = await countStatus(s, 'submitted');
    const refusals = new Map<string, number>();
    const onFailure = (status: number, body: string) => {
      const key = `${status} ${refusalOf(body)}`;
      refusals.set(key, (refusals.get(key) ?? 0) + 1);
    };
    const intake = autocannonSide({ url: `${s.url}/api/v1/public/dossiers`, method: 'POST', body: JSON.stringify({ ...filing(s, 1), submit: true }), onFailure }, env.settings, app.pid);
    return await compareInterleaved(env, {
      label: 'intake-online',
      sideNames: 'the naive durable write (A) and intake (B)',
      check: async (i) =>
        i === 0
          ? { written: ((await (await fetch(`${baseline.url}/count`)).json()) as { rows: number }).rows, what: 'rows in the database' }
          : { written: (await countStatus(s, 'submitted')) - before, what: 'submitted dossiers stored' },
      sides: [
        autocannonSide({ url: `${baseline.url}/write`, method: 'POST' }, env.settings, baseline.pid),
        // Refused answers by code and reason (warm-up included), one note each.
        {
          ...intake,
          get failures() {
            return [...refusals].map(([what, n]) => `${n} × ${what} (warm-up included)`);
          },
        },
      ],
      // autocannon stops with requests in flight: written, not counted.
      inFlight: env.settings.connections,
      scenarios: ['intake-baseline', 'intake-online'],
      unit: 'req/s',
      what: ['the naive durable write (bare Fastify 5 + better-sqlite3, one INSERT + COMMIT with its fsync per request)', 'POST /api/v1/public/dossiers, submit: true (a fresh database)'],
    });
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
