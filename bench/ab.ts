// `npm run bench:ab`: is a change faster? Two MotCua servers — two checkouts, or one checkout with two settings —
// run at once on fresh seeded databases, pinned to the same core, and are measured in alternating slots
// (bench/interleaved-load.ts), so the machine's drift (its speed moves ±30% within the hour here) weighs both alike.
// Measured a minute apart, the same code's figures moved more than most changes do.
//
//   AB_A_ROOT=/tmp/old-checkout npm run bench:ab        the other checkout (its own node_modules) as A, this one as B
//   AB_A_ENV='SQLITE_X=1' AB_B_ENV='SQLITE_X=2' …       environment of each side's server (space-separated NAME=value)
//   AB_SCENARIOS=intake,lifecycle AB_CYCLES=4           what to compare; A B B A cycles (each side gets BENCH_SECONDS)
//
// Prints B/A per adjacent pair of slots, over all slots, and each side's server CPU per success. Nothing is recorded:
// a comparison of two builds is a development tool, not a figure of the product.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasTaskset, killAllChildren, pinSelfToCpu, startServer, type RunningServer } from './child-server.js';
import { appSpec, filing, lifecycle, session, type Session } from './dossier-journeys.js';
import { autocannonSide, measureInterleaved, type LoadSide } from './interleaved-load.js';
import { sequenceSide } from './lifecycle-load.js';
import type { ScenarioEnv } from './scenarios.js';
import { readSettings } from './settings.js';

const SCENARIOS = ['intake', 'lifecycle'] as const;
type Scenario = (typeof SCENARIOS)[number];

/** `NAME=value NAME2=value2` → an environment; a value holds no space. */
export function parseEnvList(text: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const item of (text ?? '').split(/\s+/).filter(Boolean)) {
    const at = item.indexOf('=');
    if (at <= 0) throw new Error(`"${item}" is not NAME=value`);
    env[item.slice(0, at)] = item.slice(at + 1);
  }
  return env;
}

function scenariosOf(text: string | undefined): Scenario[] {
  const names = (text ?? SCENARIOS.join(',')).split(',').map((s) => s.trim());
  for (const name of names) if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`AB_SCENARIOS: unknown "${name}" (known: ${SCENARIOS.join(', ')})`);
  return names as Scenario[];
}

function sideOf(scenario: Scenario, s: Session, pid: number, env: ScenarioEnv): LoadSide {
  if (scenario === 'intake') return autocannonSide({ url: `${s.url}/api/v1/public/dossiers`, method: 'POST', body: JSON.stringify({ ...filing(s, 1), submit: true }) }, env.settings, pid);
  let n = 0;
  return sequenceSide(() => lifecycle(s, n++, [], 0), env.settings.lifecycleConcurrency, pid);
}

async function main(): Promise<void> {
  const settings = readSettings();
  const cycles = Number(process.env.AB_CYCLES ?? 2);
  if (!Number.isInteger(cycles) || cycles < 1 || cycles > 20) throw new Error('AB_CYCLES must be an integer from 1 to 20');
  const scenarios = scenariosOf(process.env.AB_SCENARIOS);
  const rootA = process.env.AB_A_ROOT ? path.resolve(process.env.AB_A_ROOT) : undefined;
  if (rootA && !fs.existsSync(path.join(rootA, 'bench', 'servers', 'motcua-app.ts'))) throw new Error(`AB_A_ROOT: no bench/servers/motcua-app.ts under ${rootA}`);
  fs.mkdirSync(settings.tmpRoot, { recursive: true });
  const tmpDir = fs.mkdtempSync(path.join(settings.tmpRoot, 'ab-'));
  const serverCpu = settings.pin && hasTaskset() && os.cpus().length >= 2 && pinSelfToCpu(1) ? 0 : null;
  const env: ScenarioEnv = { settings, tmpDir, serverCpu };
  const servers: RunningServer[] = [];
  process.on('exit', () => {
    killAllChildren();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  });
  try {
    const spec = (side: 'a' | 'b') => {
      const base = appSpec(env, { BENCH_DB_FILE: path.join(tmpDir, `${side}.db`), ...parseEnvList(process.env[side === 'a' ? 'AB_A_ENV' : 'AB_B_ENV']) });
      return side === 'a' && rootA ? { ...base, root: rootA } : base;
    };
    const [a, b] = await Promise.all([startServer(spec('a'), serverCpu), startServer(spec('b'), serverCpu)]);
    servers.push(a, b);
    const sessions = [await session(a.url), await session(b.url)] as const;
    console.log(`A: ${rootA ?? 'this checkout'} ${process.env.AB_A_ENV ?? ''}\nB: this checkout ${process.env.AB_B_ENV ?? ''}`);
    console.log(`${cycles} × A B B A slots of ${Math.max(2, settings.seconds / (2 * cycles)).toFixed(1)} s after ${settings.warmupSeconds} s of warm-up each; server${serverCpu === null ? 's not pinned' : 's on CPU 0'}`);
    for (const scenario of scenarios) {
      process.stdout.write(`${scenario}: `);
      const figures = await measureInterleaved(sideOf(scenario, sessions[0], a.pid, env), sideOf(scenario, sessions[1], b.pid, env), settings, cycles, (text) => process.stdout.write(text));
      const cpu = (ms: number | null) => (ms === null ? '?' : `${ms.toFixed(3)} ms`);
      console.log(`\n  B/A ${figures.ratio.toFixed(3)} over all slots; pairs ${figures.pairRatios.map((r) => r.toFixed(2)).join(' ')}`);
      console.log(`  per second A ${figures.a.perSecond.toFixed(0)}, B ${figures.b.perSecond.toFixed(0)}; server CPU per success A ${cpu(figures.a.cpuMsPerAnswer)}, B ${cpu(figures.b.cpuMsPerAnswer)} (B/A ${figures.a.cpuMsPerAnswer && figures.b.cpuMsPerAnswer ? (figures.b.cpuMsPerAnswer / figures.a.cpuMsPerAnswer).toFixed(3) : '?'}); failed A ${figures.a.failed}, B ${figures.b.failed}`);
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
