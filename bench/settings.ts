// Benchmark settings, read once from the environment so a run can be shortened (CI smoke run) or
// lengthened (more stable figures) without editing code. Every value is echoed into the report.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchSettings {
  /** Measured seconds per scenario. */
  readonly seconds: number;
  /**
   * Unmeasured seconds per scenario before the measured run (JIT, SQLite page cache, WAL growth). 10 since
   * 2026-12-05: the real app reaches its steady speed only after 6–9 s of load (3-s windows from start: intake
   * 2,479, 3,680, 5,066, 5,190 req/s; lifecycles 232, 341, 438, 478/s), so 5 s left part of the ramp in the measure.
   */
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly pipelining: number;
  /** Pin the server to CPU 0 and the load generator to CPU 1 (only when taskset exists). */
  readonly pin: boolean;
  /** Where the temporary SQLite files go; must be on a real disk (a tmpfs makes fsync free). */
  readonly tmpRoot: string;
  /** Run the write through the real API (POST /api/v1/units) as well. */
  readonly apiWrite: boolean;
  /** Log level of the MotCua servers: warn, so we measure the app and not the stdout pipe. */
  readonly motcuaLogLevel: string;
  /** Concurrent lifecycles in the lifecycle scenario. */
  readonly lifecycleConcurrency: number;
  /** Fixed request rate of the public-lookup scenario. */
  readonly lookupRate: number;
  /** The prepared database of the scale scenario (built when missing, then reused). */
  readonly scaleFile: string;
  readonly scaleDossiers: number;
  /** Sizes of the province-year fixtures the report benchmark runs on (BENCH_REPORT_SIZES=1000000,10000000). */
  readonly reportSizes: readonly number[];
  /** Dossiers of the randomised reconciliation run (BENCH_ONLY=reconcile). */
  readonly reconcileDossiers: number;
  /** Burst scenario: the burst's rate as a multiple of capacity, its length, the recovery phase's length. */
  readonly burstFactor: number;
  readonly burstSeconds: number;
  readonly burstRecoverySeconds: number;
  /** The baseline rate (before and after the burst) as a share of capacity. */
  readonly burstBaseShare: number;
  /** A request without an answer after this long counts as a timeout. */
  readonly burstTimeoutMs: number;
  /** Run the burst on PostgreSQL too (a throwaway cluster). */
  readonly burstPostgres: boolean;
  /** Scenario groups to run (BENCH_ONLY=base,clock,intake,lifecycle,lookup,scale,pg,reports,reconcile,documents,burst); null: all. */
  readonly only: readonly string[] | null;
  /** Append the results to docs/benchmarks.md (BENCH_RECORD=0 for trial runs while developing). */
  readonly record: boolean;
}

export const SCENARIO_GROUPS = ['base', 'clock', 'intake', 'lifecycle', 'lookup', 'scale', 'pg', 'reports', 'reconcile', 'documents', 'burst'] as const;

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_DIR = path.resolve(BENCH_DIR, '..');

function number(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name} must be a number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function flag(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  return !['0', 'false', 'no'].includes(raw.toLowerCase());
}

function groups(raw: string | undefined): string[] | null {
  if (!raw) return null;
  const names = raw.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(SCENARIO_GROUPS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown ${unknown.join(', ')} (known: ${SCENARIO_GROUPS.join(', ')})`);
  return names;
}

export function readSettings(): BenchSettings {
  return {
    seconds: number('BENCH_SECONDS', 10, 1, 600),
    warmupSeconds: number('BENCH_WARMUP_SECONDS', 10, 0, 120),
    connections: Math.round(number('BENCH_CONNECTIONS', 50, 1, 1000)),
    pipelining: Math.round(number('BENCH_PIPELINING', 1, 1, 64)),
    pin: flag('BENCH_PIN', true),
    // Under the repository (git-ignored) rather than os.tmpdir(): /tmp is a tmpfs on many systems.
    tmpRoot: path.resolve(process.env.BENCH_TMPDIR || path.join(BENCH_DIR, '.tmp')),
    apiWrite: flag('BENCH_API_WRITE', true),
    motcuaLogLevel: 'warn',
    lifecycleConcurrency: Math.round(number('BENCH_LIFECYCLE_CONCURRENCY', 32, 1, 1000)),
    lookupRate: Math.round(number('BENCH_LOOKUP_RATE', 1000, 1, 100_000)),
    scaleFile: path.resolve(process.env.BENCH_SCALE_FILE || path.join(BENCH_DIR, '.tmp', 'scale-1m.db')),
    scaleDossiers: Math.round(number('BENCH_SCALE_DOSSIERS', 1_000_000, 1000, 100_000_000)),
    reportSizes: (process.env.BENCH_REPORT_SIZES || '1000000,10000000').split(',').map((s) => Math.round(Number(s))).filter((n) => Number.isFinite(n) && n >= 1000),
    reconcileDossiers: Math.round(number('BENCH_RECONCILE_DOSSIERS', 100_000, 100, 10_000_000)),
    burstFactor: number('BENCH_BURST_FACTOR', 5, 1, 100),
    burstSeconds: Math.round(number('BENCH_BURST_SECONDS', 5, 1, 120)),
    burstRecoverySeconds: Math.round(number('BENCH_BURST_RECOVERY_SECONDS', 10, 2, 600)),
    burstBaseShare: number('BENCH_BURST_BASE_SHARE', 0.5, 0.05, 1),
    burstTimeoutMs: Math.round(number('BENCH_BURST_TIMEOUT_MS', 10_000, 100, 600_000)),
    burstPostgres: flag('BENCH_BURST_PG', true),
    only: groups(process.env.BENCH_ONLY),
    record: flag('BENCH_RECORD', true),
  };
}

/** Filesystem type of a directory (Linux only; 'unknown' elsewhere), to warn about tmpfs. */
export function filesystemType(dir: string): string {
  try {
    const mounts = fs.readFileSync('/proc/mounts', 'utf8').split('\n').map((line) => line.split(' '));
    const real = fs.realpathSync(dir);
    let best: { point: string; type: string } = { point: '', type: 'unknown' };
    for (const [, point, type] of mounts) {
      if (!point || !type) continue;
      const inside = real === point || real.startsWith(point.endsWith('/') ? point : `${point}/`);
      if (inside && point.length >= best.point.length) best = { point, type };
    }
    return best.type;
  } catch {
    return 'unknown';
  }
}
