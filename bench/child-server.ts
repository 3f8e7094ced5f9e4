// Starts one benchmark server in its own process. The load generator (autocannon) runs in the parent:
// in one process both would share an event loop and measure each other. Optionally the child is pinned
// to CPU 0 with taskset, so server and load generator do not migrate over the same core.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BENCH_DIR, REPO_DIR } from './settings.js';

export interface ServerSpec {
  /** File under bench/servers/. */
  readonly script: string;
  /** Extra environment for the child (PORT is added). */
  readonly env?: Record<string, string>;
  /** Path polled until it answers 2xx. */
  readonly readyPath: string;
  /** How long startup may take (MotCua hashes demo passwords, ~1 s on these machines). */
  readonly startTimeoutMs?: number;
  /** Another checkout whose bench/servers/ script runs, from its own root (bench/ab.ts: two revisions); default this one. */
  readonly root?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
  /** The server's event-loop delay since the previous call (the first call starts the window); null if it did not answer. */
  loopDelay(): Promise<LoopDelay | null>;
}

/** What the server's own event loop went through in a window (bench/servers/serve.ts watches it). */
export interface LoopDelay {
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly samples: number;
}

const live = new Set<ChildProcess>();

/** Last resort on exit or signal: SIGKILL every child still running (synchronous, safe in 'exit'). */
export function killAllChildren(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  live.clear();
}

let tasksetChecked: boolean | undefined;
export function hasTaskset(): boolean {
  if (tasksetChecked === undefined) {
    try {
      execFileSync('taskset', ['--version'], { stdio: 'ignore' });
      tasksetChecked = true;
    } catch {
      tasksetChecked = false;
    }
  }
  return tasksetChecked;
}

/** Pins this process (every thread: -a) to CPU 1, leaving CPU 0 to the server. */
export function pinSelfToCpu(cpu: number): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A port that was free a moment ago (listen on 0, read the port, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export async function startServer(spec: ServerSpec, pinCpu: number | null): Promise<RunningServer> {
  const port = await freePort();
  const root = spec.root ?? REPO_DIR;
  const script = path.join(spec.root ? path.join(spec.root, 'bench') : BENCH_DIR, 'servers', spec.script);
  // node --import tsx runs TypeScript in the child without a second tsx wrapper process, so the pid we
  // signal is the server itself (taskset execs node, keeping the pid).
  // BENCH_PROFILE_DIR=<dir>: each server writes a V8 CPU profile there when it stops (for finding where a
  // scenario's time goes; the figures of a profiled run are not comparable with others).
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const nodeArgs = [...profile, '--import', 'tsx', script];
  const [command, args] = pinCpu === null ? [process.execPath, nodeArgs] : ['taskset', ['-c', String(pinCpu), process.execPath, ...nodeArgs]];
  const loopFile = path.join(os.tmpdir(), `motcua-bench-loop-${process.pid}-${port}.json`);
  const child = spawn(command, args, {
    cwd: root,
    // No in-process job worker unless a scenario asks: the scenarios measure request handling, and the
    // jobs' own work (signing the forms a receipt calls for) is measured by BENCH_ONLY=documents.
    env: { JOBS_WORKER: 'false', ...process.env, ...spec.env, PORT: String(port), BENCH_LOOP_FILE: loopFile, NODE_ENV: spec.env?.NODE_ENV ?? 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  // Keep the tail of the child's output for error messages; reading it also keeps the pipe from filling.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => live.delete(child));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM'); // the servers close cleanly on SIGTERM (MotCua drains its write queue)
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitUntilReady(`${url}${spec.readyPath}`, spec.startTimeoutMs ?? 30_000, () => child.exitCode !== null || child.signalCode !== null);
  } catch (error) {
    await stop();
    throw new Error(`${spec.script} did not become ready: ${(error as Error).message}\n--- server output ---\n${output}`);
  }
  if (child.pid === undefined) throw new Error(`${spec.script}: no pid`);
  const loopDelay = async (): Promise<LoopDelay | null> => {
    fs.rmSync(loopFile, { force: true });
    if (!child.kill('SIGUSR2')) return null;
    for (let waited = 0; waited < 2000; waited += 10) {
      try {
        const figures = JSON.parse(fs.readFileSync(loopFile, 'utf8')) as LoopDelay;
        fs.rmSync(loopFile, { force: true });
        return figures;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    return null;
  };
  return { url, pid: child.pid, stop, loopDelay };
}

/** Polls until the path answers 2xx; fails fast if the child has died. */
async function waitUntilReady(url: string, timeoutMs: number, hasExited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('the server process exited');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms (${last})`);
}
