// Test factories: a fresh database per test file on each dialect, and the real app on top of it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import type { Clock } from '../../src/time/clock.js';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

let counter = 0;

export function postgresAdminUrl(): string {
  const url = process.env.MOTCUA_TEST_PG_URL;
  if (!url) throw new Error('MOTCUA_TEST_PG_URL is not set: run the tests with `npm test`, which starts a throwaway PostgreSQL cluster');
  return url;
}

/** A new, empty database: a temp file for SQLite, a new database in the test cluster for PostgreSQL. */
export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const name = `motcua_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-test-'));
    return { url: `sqlite:${path.join(dir, `${name}.db`)}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = postgresAdminUrl();
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      // A closed pool may still be closing its sockets: wait for them, so that no client of the app is
      // terminated by the drop (its 'error' would surface as an uncaught exception in the test process).
      for (let i = 0; i < 100; i++) {
        const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Files of test apps go to a temp directory of this process (removed with the test databases' temp dirs by the OS). */
const testFilesDir = path.join(os.tmpdir(), `motcua-test-files-${process.pid}`);

export function testConfig(databaseUrl: string, env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, SEED_DEMO_DATA: 'false', FILES_DIR: testFilesDir, ...env });
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly config: Config;
  readonly dialect: TestDialect;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Signs a demo account in and returns its Cookie header. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  readonly seed?: boolean;
  readonly clock?: Clock;
  readonly env?: Record<string, string>;
  readonly logStream?: NodeJS.WritableStream;
}

export async function startTestApp(dialect: TestDialect, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-files-'));
  // A hand-moved clock jumps hours or days between one officer's requests: such tests keep the idle timeout
  // out of the way (30 days) unless they set SESSION_IDLE_MINUTES themselves, as the session-policy test does.
  const idle: Record<string, string> = options.clock ? { SESSION_IDLE_MINUTES: '43200' } : {};
  const config = testConfig(database.url, { SEED_DEMO_DATA: options.seed === false ? 'false' : 'true', FILES_DIR: filesDir, ...idle, ...(options.logStream ? { LOG_LEVEL: 'info' } : {}), ...options.env });
  const app = await buildApp(config, { ...(options.clock ? { clock: options.clock } : {}), ...(options.logStream ? { logStream: options.logStream } : {}) });
  const cookies = new Map<string, string>();
  return {
    app,
    config,
    dialect,
    inject: (opts) => app.inject(opts),
    async login(username, password = DEMO_PASSWORD) {
      const cached = cookies.get(username);
      if (cached && password === DEMO_PASSWORD) return cached;
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === config.session.cookieName);
      if (!cookie) throw new Error('no session cookie');
      const header = `${cookie.name}=${cookie.value}`;
      cookies.set(username, header);
      return header;
    },
    async close() {
      await app.close();
      await database.drop();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/**
 * Declares the same suite once per dialect, each with its own fresh app:
 * forEachDialect('units', (t) => { it('…', async () => { await t().inject(…) }) })
 */
export function forEachDialect(title: string, body: (testApp: () => TestApp, dialect: TestDialect) => void, options: TestAppOptions = {}): void {
  for (const dialect of DIALECTS) {
    describe(`${title} [${dialect}]`, () => {
      let testApp: TestApp | undefined;
      before(async () => {
        testApp = await startTestApp(dialect, options);
      });
      after(async () => {
        await testApp?.close();
      });
      body(() => {
        if (!testApp) throw new Error('test app not started');
        return testApp;
      }, dialect);
    });
  }
}
