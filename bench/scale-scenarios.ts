// The scale target: intake, and whole lifecycles, with the 1,000,000-dossier fixture stored against a fresh
// database. Both servers run at once and are measured in alternating slots (bench/interleaved-load.ts), so the
// ratio is between figures taken in the same minute.
import path from 'node:path';
import { percentile } from './burst-load.js';
import { appSpec, countStatus, filing, lifecycle, login, session, withApp, type Session } from './dossier-journeys.js';
import type { DossierFigure, DossierRun } from './dossier-scenarios.js';
import { compareInterleaved } from './interleaved-figures.js';
import { autocannonSide } from './interleaved-load.js';
import { getPolitely, sequenceSide } from './lifecycle-load.js';
import { buildScaleFixture, readFixtureInfo } from './scale-fixture.js';
import type { ScenarioEnv } from './scenarios.js';

export async function scale(env: ScenarioEnv, run: DossierRun): Promise<void> {
  const file = env.settings.scaleFile;
  let info = readFixtureInfo(file);
  let builtThisRun = false;
  if (!info || info.dossiers < env.settings.scaleDossiers) {
    console.log(`  scale: building the fixture ${file} (${env.settings.scaleDossiers.toLocaleString('en-US')} dossiers; reused by later runs)…`);
    info = await buildScaleFixture(file, env.settings.scaleDossiers, (line) => console.log(line));
    builtThisRun = true;
  }
  run.fixture = { ...info, builtThisRun };
  const fixtureSpec = appSpec(env, { BENCH_DATABASE_URL: `sqlite:${file}` });
  const freshSpec = appSpec(env, { BENCH_DB_FILE: path.join(env.tmpDir, 'motcua-scale-fresh.db') });
  const stored = `${info.dossiers.toLocaleString('en-US')}-dossier fixture stored (plus what earlier runs added)`;
  await withApp(freshSpec, env, (freshServer) =>
    withApp(fixtureSpec, env, async (fixtureServer) => {
      const sides: Sides = { fresh: await session(freshServer.url), scaled: await session(fixtureServer.url), freshPid: freshServer.pid, scaledPid: fixtureServer.pid };
      run.figures.push(...(await intake(env, sides, stored)), ...(await lifecycles(env, sides, stored)), ...(await staffSearch(sides, stored)));
    }),
  );
}

interface Sides {
  readonly fresh: Session;
  readonly scaled: Session;
  readonly freshPid: number;
  readonly scaledPid: number;
}

/** Online submissions, one request each (autocannon). */
async function intake(env: ScenarioEnv, sides: Sides, stored: string): Promise<DossierFigure[]> {
  const side = (s: Session, pid: number) => autocannonSide({ url: `${s.url}/api/v1/public/dossiers`, method: 'POST', body: JSON.stringify({ ...filing(s, 1), submit: true }) }, env.settings, pid);
  const before = await Promise.all([countStatus(sides.fresh, 'submitted'), countStatus(sides.scaled, 'submitted')]);
  return compareInterleaved(env, {
    label: 'scale-intake-online',
    sideNames: 'fresh (A) and 1M (B)',
    check: async (i) => {
      const written = (await countStatus(i === 0 ? sides.fresh : sides.scaled, 'submitted')) - before[i]!;
      return { written, what: 'submitted dossiers stored' };
    },
    sides: [side(sides.fresh, sides.freshPid), side(sides.scaled, sides.scaledPid)],
    // autocannon stops with up to `connections` requests in flight: written, not counted.
    inFlight: env.settings.connections,
    scenarios: ['scale-intake-fresh', 'scale-intake-online'],
    unit: 'req/s',
    what: ['the same intake on a fresh database', `the same intake with the ${stored}`],
  });
}

/** Whole lifecycles (five dependent requests), as in the lifecycle scenario. */
async function lifecycles(env: ScenarioEnv, sides: Sides, stored: string): Promise<DossierFigure[]> {
  const concurrency = env.settings.lifecycleConcurrency;
  const codes: [string[], string[]] = [[], []];
  const side = (s: Session, pid: number, kept: string[]) => {
    let n = 0;
    return sequenceSide(() => lifecycle(s, n++, kept, Number.POSITIVE_INFINITY), concurrency, pid);
  };
  return compareInterleaved(env, {
    label: 'scale-lifecycle',
    sideNames: 'fresh (A) and 1M (B)',
    // Each completed lifecycle's code is looked up: what this run's lifecycles left, whatever else the fixture holds.
    check: async (i) => {
      const session = i === 0 ? sides.fresh : sides.scaled;
      let returned = 0;
      for (const code of codes[i]) {
        const found = await getPolitely<{ status: string }>(`${session.url}/api/v1/public/dossiers/lookup/${encodeURIComponent(code)}`);
        if (found.status === 'returned') returned++;
      }
      return { written: returned, what: `of their codes looked up show a returned dossier` };
    },
    sides: [side(sides.fresh, sides.freshPid, codes[0]), side(sides.scaled, sides.scaledPid, codes[1])],
    inFlight: 0, // the loops finish every sequence they start
    scenarios: ['scale-lifecycle-fresh', 'scale-lifecycle'],
    unit: 'lifecycles/s',
    what: [`${concurrency} concurrent lifecycles on a fresh database`, `${concurrency} concurrent lifecycles with the ${stored}`],
  });
}

/**
 * The staff search (GET /api/v1/dossiers) on both sides, one request at a time: the provincial centre's desk
 * officer (one unit, most of the fixture's dossiers), the province's supervisor (every unit) and the system
 * administrator (every dossier), by status, all, and a page 500 pages deep. No target in the issue; a unit's count
 * used to read every dossier of the status.
 */
async function staffSearch(sides: Sides, stored: string): Promise<DossierFigure[]> {
  const queries = ['status=returned&limit=20', 'status=processing&limit=20', 'limit=20', 'status=returned&limit=20&offset=10000'];
  const users = ['tinh.motcua', 'tinh.giamsat', 'admin'] as const;
  const repeats = 5;
  const figures: DossierFigure[] = [];
  for (const [i, s] of [sides.fresh, sides.scaled].entries()) {
    process.stdout.write(`  ${i === 0 ? 'scale-staff-search-fresh' : 'scale-staff-search'} [sqlite]: `);
    const latencies: number[] = [];
    const seen: string[] = [];
    for (const user of users) {
      const cookie = await login(s.url, user);
      for (const query of queries) {
        const url = `${s.url}/api/v1/dossiers?${query}`;
        const first = await getPolitely<{ total: number }>(url, cookie); // warm-up; its total is reported
        const times: number[] = [];
        for (let r = 0; r < repeats; r++) {
          const started = performance.now();
          await getPolitely(url, cookie);
          times.push(performance.now() - started);
        }
        latencies.push(...times);
        seen.push(`${user} ?${query}: total ${first.total.toLocaleString('en-US')}, median ${percentile([...times].sort((a, b) => a - b), 50).toFixed(1)} ms`);
      }
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
    console.log(`p50 ${percentile(sorted, 50).toFixed(1)} ms, slowest ${sorted.at(-1)!.toFixed(1)} ms`);
    figures.push({
      scenario: i === 0 ? 'scale-staff-search-fresh' : 'scale-staff-search',
      dialect: 'sqlite',
      description: `staff search (count and first page), one request at a time, ${users.length} users × ${queries.length} queries × ${repeats}, ${i === 0 ? 'on a fresh database' : `with the ${stored}`}; p99 is the slowest`,
      perSecond: 1000 / mean,
      unit: 'req/s',
      p50: percentile(sorted, 50),
      p99: sorted.at(-1)!,
      ok: latencies.length,
      failed: 0,
      notes: seen,
    });
  }
  return figures;
}
