// One scenario's load: an unmeasured warm-up, then the measured autocannon run, reduced to the figures
// the report needs.
import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';
import { processCpuSeconds } from './process-cpu.js';
import type { BenchSettings } from './settings.js';

export interface LoadTarget {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Builds each request afresh (e.g. a unique code per request); overrides body. */
  readonly nextBody?: () => string;
  /** Builds each request's path afresh (e.g. rotating over dossier codes). */
  readonly nextPath?: () => string;
  /** Connections for this target (default: the settings'). */
  readonly connections?: number;
  /** Sees each answer that is not 2xx (to tell which refusal a failure was). */
  readonly onFailure?: (status: number, body: string) => void;
}

export interface ScenarioResult {
  readonly name: string;
  readonly description: string;
  readonly reqPerSecMean: number;
  readonly reqPerSecStddev: number;
  readonly latencyP50: number;
  readonly latencyP99: number;
  readonly total2xx: number;
  readonly non2xx: number;
  /** Connection errors, timeouts included. */
  readonly errors: number;
  /** 2xx answers during warm-up plus the measured run (to check against rows written). */
  readonly all2xx: number;
  /** Free-text checks made after the run (rows written, …). */
  notes: string[];
}

function options(target: LoadTarget, settings: BenchSettings, seconds: number): autocannon.Options {
  const headers = { ...(target.body !== undefined || target.nextBody ? { 'content-type': 'application/json' } : {}), ...target.headers };
  const base: autocannon.Options = {
    url: target.url,
    method: target.method ?? 'GET',
    connections: target.connections ?? settings.connections,
    pipelining: settings.pipelining,
    duration: seconds,
    headers,
    ...(target.body !== undefined ? { body: target.body } : {}),
  };
  const { nextBody, nextPath, onFailure } = target;
  if (!nextBody && !nextPath && !onFailure) return base;
  // setupRequest runs for every request sent, so each one carries a fresh body or path.
  const setup = nextBody || nextPath ? { setupRequest: (request: autocannon.Request) => ({ ...request, ...(nextBody ? { body: nextBody() } : {}), ...(nextPath ? { path: nextPath() } : {}) }) } : {};
  const watch = onFailure ? { onResponse: (status: number, body: string) => (status >= 200 && status < 300 ? undefined : onFailure(status, body)) } : {};
  return { ...base, requests: [{ ...setup, ...watch }] };
}

export function fire(target: LoadTarget, settings: BenchSettings, seconds: number): Promise<autocannon.Result> {
  return autocannon(options(target, settings, seconds));
}

/**
 * Writes every dirty page of the machine to disk (`sync`) before a scenario starts, so the writeback of what ran
 * before — seeding, the previous scenario, the 1,000,000-dossier fixture's checkpoints — does not slow the fsyncs
 * of the one being measured (it did: the same code measured 209 lifecycles/s right after a full run, 289 before).
 */
export function settleDisk(): void {
  execFileSync('sync', { stdio: 'ignore' });
}

/**
 * Warm-up, then the measured run. `serverPid`: the server process whose CPU time the measured run used is read
 * too (a note gives it per 2xx answer: the figure that moves with the CPU's speed, not with the disk's latency).
 */
export async function measure(name: string, description: string, target: LoadTarget, settings: BenchSettings, serverPid?: number): Promise<ScenarioResult> {
  settleDisk();
  process.stdout.write(`  ${name}: warm-up ${settings.warmupSeconds} s, `);
  const warm = settings.warmupSeconds > 0 ? await fire(target, settings, settings.warmupSeconds) : undefined;
  process.stdout.write(`measuring ${settings.seconds} s… `);
  const cpuBefore = serverPid === undefined ? null : processCpuSeconds(serverPid);
  const result = await fire(target, settings, settings.seconds);
  const cpuAfter = serverPid === undefined ? null : processCpuSeconds(serverPid);
  const scenario: ScenarioResult = {
    name,
    description,
    reqPerSecMean: result.requests.mean,
    reqPerSecStddev: result.requests.stddev,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    total2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors, // autocannon counts timeouts among the errors
    all2xx: result['2xx'] + (warm ? warm['2xx'] : 0),
    notes: [],
  };
  const cpuMs = cpuBefore === null || cpuAfter === null || result['2xx'] === 0 ? null : (1000 * (cpuAfter - cpuBefore)) / result['2xx'];
  if (cpuMs !== null) scenario.notes.push(`the server process used ${cpuMs.toFixed(3)} ms of CPU per 2xx answer during the measured run (all its threads)`);
  console.log(`${Math.round(scenario.reqPerSecMean)} req/s, p99 ${scenario.latencyP99} ms, non-2xx ${scenario.non2xx}, errors ${scenario.errors}${cpuMs === null ? '' : `, ${cpuMs.toFixed(3)} ms of server CPU each`}`);
  if (warm && (warm.non2xx > 0 || warm.errors > 0)) scenario.notes.push(`warm-up had ${warm.non2xx} non-2xx and ${warm.errors} errors`);
  return scenario;
}
