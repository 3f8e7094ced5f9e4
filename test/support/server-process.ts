// MotCua as the real server process (src/server.ts under tsx), for the tests that must kill it or run
// several: the crash suite and the two-node test. The parent talks to it over HTTP only.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { freePort } from './pg-cluster.js';

const REPO_DIR = path.resolve(import.meta.dirname, '..', '..');

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** Resolves with the signal (or exit code) when the process has ended. */
  readonly exited: Promise<string>;
  /** The last lines the process printed, for failure messages. */
  output(): string;
  kill(signal?: NodeJS.Signals): void;
  /** SIGTERM (a clean close) and wait; SIGKILL after 10 s. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts `src/server.ts` with the given environment and waits until /ready answers. */
export async function startServerProcess(env: Record<string, string>, options: { port?: number; startTimeoutMs?: number } = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_DIR, 'src', 'server.ts')], {
    cwd: REPO_DIR,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', DEMO_DOSSIERS: '0', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-6000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(signal ?? `exit ${code}`);
    }),
  );
  const hasEnded = () => child.exitCode !== null || child.signalCode !== null;
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    url,
    pid: child.pid!,
    exited,
    output: () => tail,
    kill: (signal = 'SIGKILL') => {
      if (!hasEnded()) child.kill(signal);
    },
    stop: async () => {
      if (hasEnded()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (hasEnded()) throw new Error(`the server exited during start (${await exited}):\n${tail}`);
    try {
      const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return server;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not become ready (${last}):\n${tail}`);
}

/** Signs a demo account in over HTTP and returns its session cookie (sessions live in the database: it works on every node). */
export async function signIn(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  await response.arrayBuffer();
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (response.status !== 200 || !cookie) throw new Error(`signing in ${username} answered ${response.status}`);
  return cookie;
}
