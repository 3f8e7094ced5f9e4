// Turns scenario results into a console table, ratios against the same-run baselines, and a dated
// Markdown section appended to docs/benchmarks.md (the history of runs is the point: never overwrite).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScenarioResult } from './load.js';
import { REPO_DIR, type BenchSettings } from './settings.js';

export const REPORT_FILE = path.join(REPO_DIR, 'docs', 'benchmarks.md');

/** Facts about the run that are not scenario results (pinning, filesystem, …). */
export interface RunContext {
  readonly settings: BenchSettings;
  readonly pinning: string;
  readonly filesystem: string;
  readonly startedAt: Date;
  readonly elapsedSeconds: number;
  /** 1-minute load average before and after: other work on the machine (tests, builds) skews figures. */
  readonly loadBefore: number;
  readonly loadAfter: number;
  /** From codeVersion(), taken when the run started. */
  readonly code: string;
}

export interface Ratio {
  readonly label: string;
  readonly numerator: string;
  readonly denominator: string;
  readonly meaning: string;
}

/** Ratios, not absolute figures, are what stays comparable between runs on a shared 2-core machine. */
export const RATIOS: readonly Ratio[] = [
  { label: 'motcua-read / baseline-read', numerator: 'motcua-read', denominator: 'baseline-read', meaning: 'share of bare-Fastify read throughput the real app keeps' },
  { label: 'baseline-durable-write / baseline-read', numerator: 'baseline-durable-write', denominator: 'baseline-read', meaning: 'cost of one fsync per request' },
  { label: 'motcua-durable-write / baseline-durable-write', numerator: 'motcua-durable-write', denominator: 'baseline-durable-write', meaning: 'group commit vs one fsync per request' },
  { label: 'motcua-api-write / baseline-durable-write', numerator: 'motcua-api-write', denominator: 'baseline-durable-write', meaning: 'a real API write (session lookup, validation, parent checks, 3 INSERTs + reads in one transaction) vs the naive durable write' },
  { label: 'motcua-api-write / motcua-durable-write', numerator: 'motcua-api-write', denominator: 'motcua-durable-write', meaning: 'cost of the application around the durable write path' },
];

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly kernel: string;
  readonly os: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
    os: `${os.platform()} ${os.arch()}`,
  };
}

/** The commit measured, so a figure can be tied to the code that produced it. */
export function codeVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function rows(results: readonly ScenarioResult[]): string[][] {
  return results.map((r) => [
    r.name,
    `${fmt(r.reqPerSecMean)} ± ${fmt(r.reqPerSecStddev)}`,
    fmt(r.latencyP50, 1),
    fmt(r.latencyP99, 1),
    fmt(r.total2xx),
    fmt(r.non2xx),
    fmt(r.errors),
  ]);
}

const HEADER = ['Scenario', 'req/s mean ± sd', 'p50 ms', 'p99 ms', '2xx', 'non-2xx', 'errors'];

export function computeRatios(results: readonly ScenarioResult[]): Array<{ ratio: Ratio; value: number }> {
  const byName = new Map(results.map((r) => [r.name, r]));
  return RATIOS.flatMap((ratio) => {
    const n = byName.get(ratio.numerator);
    const d = byName.get(ratio.denominator);
    return n && d && d.reqPerSecMean > 0 ? [{ ratio, value: n.reqPerSecMean / d.reqPerSecMean }] : [];
  });
}

export function printReport(results: readonly ScenarioResult[]): void {
  const table = [HEADER, ...rows(results)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  console.log('');
  for (const [index, row] of table.entries()) {
    console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log('');
  for (const { ratio, value } of computeRatios(results)) console.log(`${ratio.label.padEnd(48)} ${value.toFixed(2)}  (${ratio.meaning})`);
  for (const r of results) for (const note of r.notes) console.log(`note: ${r.name}: ${note}`);
}

const DOC_HEADER = `# Benchmarks

Produced by \`npm run bench\` (bench/run.ts); each run appends a section below. Do not edit the figures.

## Method

- Every server runs in its own child process on 127.0.0.1; autocannon runs in the parent process, so
  load generator and server never share an event loop. When \`taskset\` exists the server is pinned to
  CPU 0 and the load generator to CPU 1.
- Scenarios: **baseline-read** (bare Fastify 5, one JSON route), **baseline-durable-write** (bare
  Fastify 5 + better-sqlite3, WAL, \`synchronous=FULL\`, one INSERT per request in its own transaction:
  one fsync per request), **motcua-read** (the real app from \`buildApp\`, \`GET /api/v1/units/:id\` of a
  demo unit), **motcua-durable-write** (MotCua's \`openDatabase\` + \`database.runInWriteTx\`, one
  audit_log row per request: group commit), **motcua-api-write** (the real app, signed in as
  \`tinh.quantri\`, \`POST /api/v1/units\` with a unique code per request).
- Dossier scenarios (issue 4, from December 2026): **intake-online** (\`POST /api/v1/public/dossiers\`,
  \`submit: true\`) against the naive durable write measured in alternating slots (**intake-baseline**), **lifecycle** (counter intake with receipt → appraisal taken
  up and completed → leader's approval → return: five dependent requests, driven by concurrent fetch loops),
  **public-lookup** (p99 at a fixed 1,000 req/s), **scale-intake-online** (the same intake with 1,000,000
  dossiers stored, from a fixture built once in \`bench/.tmp/\`), and intake and lifecycle on PostgreSQL.
- Each scenario gets an unmeasured warm-up, then a measured run. SQLite files are fresh per server and
  live on the repository's disk (a tmpfs would make fsync free).
- **Read ratios, not absolute figures.** autocannon shares the machine's 2 cores with the server, so
  absolute req/s swing about 2× between runs and machines; the ratios against the baselines measured
  in the same run are what is comparable. Other work on the machine during a run (tests, builds) skews
  them: each run records the 1-minute load average before and after (near 0 means a quiet machine).
- fsync is cheap on the development VMs (~0.1–0.3 ms; real disks 0.5–10 ms), so the group-commit gain
  on a real disk is larger than measured here.
- Each run records the commit measured; "+ uncommitted changes" means the working tree differed.
`;

export function appendReport(results: readonly ScenarioResult[], context: RunContext): void {
  const machine = machineInfo();
  const s = context.settings;
  const lines: string[] = [
    '',
    `## Run of ${context.startedAt.toISOString()}`,
    '',
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM; ${machine.os}, ${machine.kernel}; Node ${machine.node}`,
    `- Code: ${context.code}`,
    `- Settings: ${s.seconds} s measured + ${s.warmupSeconds} s warm-up per scenario (each after sync, so earlier writes are on disk), ${s.connections} connections, pipelining ${s.pipelining}; MotCua log level ${s.motcuaLogLevel}; SQLite synchronous=FULL, WAL`,
    `- CPU pinning: ${context.pinning}`,
    `- SQLite files on: ${context.filesystem}`,
    `- Whole run: ${Math.round(context.elapsedSeconds)} s; 1-minute load average ${context.loadBefore.toFixed(2)} before, ${context.loadAfter.toFixed(2)} after`,
  ];
  // Runs limited to in-process groups (BENCH_ONLY=reports,reconcile…) have no HTTP scenarios to tabulate.
  if (results.length > 0) {
    lines.push(
      '',
      `| ${HEADER.join(' | ')} |`,
      `| ${HEADER.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
      ...rows(results).map((row) => `| ${row.join(' | ')} |`),
      '',
      '| Ratio (req/s) | Value | Meaning |',
      '| --- | ---: | --- |',
      ...computeRatios(results).map(({ ratio, value }) => `| ${ratio.label} | ${value.toFixed(2)} | ${ratio.meaning} |`),
    );
  }
  const notes = results.flatMap((r) => r.notes.map((note) => `- ${r.name}: ${note}`));
  if (notes.length > 0) lines.push('', 'Checks and notes:', '', ...notes);
  lines.push('');

  fs.mkdirSync(path.dirname(REPORT_FILE), { recursive: true });
  if (!fs.existsSync(REPORT_FILE)) fs.writeFileSync(REPORT_FILE, DOC_HEADER);
  fs.appendFileSync(REPORT_FILE, lines.join('\n'));
}
