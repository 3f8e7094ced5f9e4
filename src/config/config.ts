// Configuration is parsed and validated once, at boot, into a frozen object (fail fast).
// Every variable read here is documented in `.env.example`.
import path from 'node:path';

export type Environment = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface SqliteDatabaseConfig {
  readonly dialect: 'sqlite';
  /** Path of the database file (the directory is created on start). */
  readonly file: string;
  /** PRAGMA synchronous; production refuses anything below FULL. */
  readonly synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
  /** Group commit: most logical transactions in one physical COMMIT. */
  readonly writeBatchMaxSize: number;
  /** Group commit: stop admitting new transactions into a batch after this many ms. */
  readonly writeBatchMaxMs: number;
  /** Admission: a new write is refused (503) when this many are already waiting… */
  readonly writeQueueMaxDepth: number;
  /** …or when the oldest waiting write has waited this many ms; 0 = no limit. */
  readonly writeQueueMaxAgeMs: number;
  /** WAL checkpoints in a worker thread (`background`, wal-checkpointer.ts) or by SQLite inside COMMIT (`inline`). */
  readonly checkpoint: 'background' | 'inline';
}

export interface PostgresDatabaseConfig {
  readonly dialect: 'postgres';
  readonly url: string;
  readonly poolMax: number;
  /** Admission: longest wait for a pooled connection before the request is refused (503); 0 = no limit. */
  readonly poolWaitMaxMs: number;
  /** Admission: at most this many requests wait for a connection; more are refused at once (503). */
  readonly poolMaxWaiting: number;
}

/** Requests per client and per endpoint in one window; 0 = no limit. */
export interface RateLimits {
  readonly windowMs: number;
  readonly login: number;
  readonly search: number;
  readonly export: number;
  readonly upload: number;
}

export interface OverloadConfig {
  /** How often event-loop delay and utilisation are sampled (ms). */
  readonly sampleIntervalMs: number;
  /** New requests get 503 while the mean event-loop delay of the last sample exceeds this (ms); 0 = off. */
  readonly maxEventLoopDelayMs: number;
  /** …or while the event loop was busy more than this share of the last sample (0–1); 0 = off. */
  readonly maxEventLoopUtilization: number;
  /**
   * Most time one event-loop turn may spend starting requests (ms); later requests of the same turn get 503.
   * Requests read together in one turn waited (in socket buffers) for the turn's earlier ones: this bounds
   * that wait directly, where sampled delays react only after a long turn. 0 = off.
   */
  readonly maxTurnMs: number;
  /** Most requests in progress in this process (admitted, not yet answered); more get 503 at once. 0 = off. */
  readonly maxInFlight: number;
  /** Retry-After of the 503 answers of event-loop pressure (seconds). */
  readonly retryAfterSeconds: number;
  readonly rateLimits: RateLimits;
}

export type DatabaseConfig = SqliteDatabaseConfig | PostgresDatabaseConfig;

/** Test-only fault injection at the edge of durability (src/db/crash-points.ts). */
export interface CrashTestSettings {
  /** Kill the process right before or right after the Nth COMMIT of the write path… */
  readonly killAt: 'before-commit' | 'after-commit' | null;
  /** …N, counted from start (1-based). */
  readonly killOnCommit: number;
  /** The deliberate bug of the negative control: resolve writes before their COMMIT. */
  readonly acknowledgeBeforeCommit: boolean;
}

export interface Config {
  readonly env: Environment;
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  readonly database: DatabaseConfig;
  /** Load shedding: event-loop pressure and per-client rate limits (database admission is in `database`). */
  readonly overload: OverloadConfig;
  /** Load the demo province, units and accounts when the database is empty. */
  readonly seedDemoData: boolean;
  /** Dossiers walked through their lifecycle over the last weeks when demo data is first loaded. */
  readonly demoDossiers: number;
  readonly session: {
    readonly cookieName: string;
    /** Absolute lifetime: a session ends this many hours after sign-in, however active it is. */
    readonly ttlHours: number;
    /** Idle timeout: a session ends after this many minutes without a request. */
    readonly idleMinutes: number;
    /** Secure cookies need HTTPS; on by default in production. */
    readonly secureCookie: boolean;
  };
  /** Largest accepted request body, in bytes. */
  readonly bodyLimitBytes: number;
  /** Trust X-Forwarded-* from a reverse proxy (true, false, or a hop count / address list). */
  readonly trustProxy: boolean | number | string;
  /** Public base URL, used in OpenAPI servers and links. */
  readonly publicUrl: string;
  /** How refusals (401/403) reach the audit log: batched, and capped per minute so they cannot flood the write path. */
  readonly accessAudit: {
    /** Refusals written to the audit log per minute at most; beyond it they are counted in one summary row. */
    readonly maxPerMinute: number;
    /** Refusals are written together at most this many ms after the first of a batch. */
    readonly flushMs: number;
  };
  readonly documents: {
    /** Base of the citizens' web pages: forms print a QR code to `<base>/tra-cuu/<dossier code>`. */
    readonly publicBaseUrl: string;
    /** Directory of the content-addressed file store (attachments, signed copies). */
    readonly filesDir: string;
    /** Largest accepted upload, in bytes. */
    readonly maxUploadBytes: number;
    /** Secret from which the key sealing signing certificates (PKCS#12) in the database is derived. */
    readonly signingKeySecret: string;
    /** Sign with a generated development certificate when a unit has none (never in production). */
    readonly allowDevelopmentCertificate: boolean;
  };
  /** Test-only fault injection for the crash suite (MOTCUA_TEST_*); null unless asked for, refused in production. */
  readonly crashTest: CrashTestSettings | null;
  /** Background jobs (src/jobs): the in-process worker. Any number of processes may run one on one database. */
  readonly jobs: {
    /** Run a worker inside the server (off: jobs wait for `motcua jobs work` or another node). */
    readonly worker: boolean;
    /** Jobs one worker runs at once. */
    readonly concurrency: number;
    /** Wait between polls of an empty queue, in ms. */
    readonly pollMs: number;
    /** How long a claim holds without renewal, in ms (renewed every third of it while a job runs). */
    readonly leaseMs: number;
    /** Schedule the deadline check every hour (reminders of dossiers due within one working day or overdue). */
    readonly deadlineCheck: boolean;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Parses environment variables into a frozen Config, or throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const reader = new EnvReader(env, problems);

  const nodeEnv = reader.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const isProduction = nodeEnv === 'production';
  const database = parseDatabase(reader, isProduction, nodeEnv === 'test');

  const port = reader.integer('PORT', 3000, 0, 65535);
  const host = reader.string('HOST', '0.0.0.0');
  const config: Config = {
    env: nodeEnv,
    host,
    port,
    logLevel: reader.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    database,
    overload: parseOverload(reader, nodeEnv),
    seedDemoData: reader.boolean('SEED_DEMO_DATA', !isProduction),
    demoDossiers: reader.integer('DEMO_DOSSIERS', nodeEnv === 'development' ? 150 : 0, 0, 100_000),
    session: {
      cookieName: reader.string('SESSION_COOKIE_NAME', 'motcua_session'),
      ttlHours: reader.integer('SESSION_TTL_HOURS', 12, 1, 24 * 30),
      idleMinutes: reader.integer('SESSION_IDLE_MINUTES', 30, 1, 60 * 24 * 30),
      secureCookie: reader.boolean('SESSION_COOKIE_SECURE', isProduction),
    },
    bodyLimitBytes: reader.integer('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    trustProxy: parseTrustProxy(reader.string('TRUST_PROXY', 'false')),
    publicUrl: reader.string('PUBLIC_URL', `http://localhost:${port}`),
    accessAudit: {
      maxPerMinute: reader.integer('ACCESS_REFUSAL_AUDIT_PER_MINUTE', 600, 0, 1_000_000),
      flushMs: reader.integer('ACCESS_REFUSAL_AUDIT_FLUSH_MS', 1000, 1, 60_000),
    },
    documents: parseDocuments(reader, isProduction, port),
    crashTest: parseCrashTest(reader, isProduction),
    jobs: {
      // Off under test by default: tests run workers explicitly.
      worker: reader.boolean('JOBS_WORKER', nodeEnv !== 'test'),
      concurrency: reader.integer('JOBS_CONCURRENCY', 2, 1, 64),
      pollMs: reader.integer('JOBS_POLL_MS', 1000, 10, 60_000),
      leaseMs: reader.integer('JOBS_LEASE_MS', 60_000, 500, 3_600_000),
      deadlineCheck: reader.boolean('JOBS_DEADLINE_CHECK', true),
    },
    ...overrides,
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

function parseDatabase(reader: EnvReader, isProduction: boolean, isTest: boolean): DatabaseConfig {
  // Admission by waiting time is off under NODE_ENV=test unless asked for: on a loaded CI machine a burst of
  // concurrent writes in a test may wait longer than in production without anything being wrong.
  const url = reader.string('DATABASE_URL', 'sqlite:./data/motcua.db');
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return {
      dialect: 'postgres',
      url,
      poolMax: reader.integer('PG_POOL_MAX', 10, 1, 500),
      poolWaitMaxMs: reader.integer('PG_POOL_WAIT_MAX_MS', isTest ? 0 : 2000, 0, 60_000),
      poolMaxWaiting: reader.integer('PG_POOL_MAX_WAITING', 200, 0, 100_000),
    };
  }
  if (url.startsWith('sqlite:')) {
    const synchronous = reader.oneOf('SQLITE_SYNCHRONOUS', ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const, 'FULL');
    if (isProduction && (synchronous === 'OFF' || synchronous === 'NORMAL')) {
      reader.problem(`SQLITE_SYNCHRONOUS=${synchronous} is refused in production: an acknowledged write must survive a power loss (use FULL or EXTRA)`);
    }
    return {
      dialect: 'sqlite',
      file: path.resolve(url.slice('sqlite:'.length)),
      synchronous,
      writeBatchMaxSize: reader.integer('SQLITE_WRITE_BATCH_MAX', 256, 1, 10_000),
      writeBatchMaxMs: reader.integer('SQLITE_WRITE_BATCH_MAX_MS', 20, 1, 1000),
      writeQueueMaxDepth: reader.integer('SQLITE_WRITE_QUEUE_MAX', 1000, 1, 1_000_000),
      writeQueueMaxAgeMs: reader.integer('SQLITE_WRITE_QUEUE_MAX_AGE_MS', isTest ? 0 : 500, 0, 600_000),
      checkpoint: reader.oneOf('SQLITE_CHECKPOINT', ['background', 'inline'] as const, 'background'),
    };
  }
  reader.problem('DATABASE_URL must start with sqlite: or postgres:// (or postgresql://)');
  return { dialect: 'sqlite', file: '', synchronous: 'FULL', writeBatchMaxSize: 1, writeBatchMaxMs: 1, writeQueueMaxDepth: 1, writeQueueMaxAgeMs: 1, checkpoint: 'inline' };
}

function parseOverload(reader: EnvReader, nodeEnv: Environment): OverloadConfig {
  // Tests share a loaded CI machine: a slow moment there must not turn into a 503, so event-loop shedding is
  // off under NODE_ENV=test unless asked for (the overload tests set it).
  const pressureOn = nodeEnv !== 'test';
  return {
    sampleIntervalMs: reader.integer('OVERLOAD_SAMPLE_INTERVAL_MS', 100, 10, 10_000),
    maxEventLoopDelayMs: reader.integer('OVERLOAD_MAX_EVENT_LOOP_DELAY_MS', pressureOn ? 500 : 0, 0, 60_000),
    maxTurnMs: reader.integer('OVERLOAD_MAX_TURN_MS', pressureOn ? 100 : 0, 0, 60_000),
    maxInFlight: reader.integer('OVERLOAD_MAX_IN_FLIGHT', pressureOn ? 128 : 0, 0, 1_000_000),
    maxEventLoopUtilization: reader.number('OVERLOAD_MAX_EVENT_LOOP_UTILIZATION', 0, 0, 1),
    retryAfterSeconds: reader.integer('OVERLOAD_RETRY_AFTER_SECONDS', 1, 1, 3600),
    rateLimits: {
      windowMs: reader.integer('RATE_LIMIT_WINDOW_MS', 60_000, 1000, 24 * 3600_000),
      login: reader.integer('RATE_LIMIT_LOGIN', 60, 0, 1_000_000),
      search: reader.integer('RATE_LIMIT_SEARCH', 600, 0, 1_000_000),
      export: reader.integer('RATE_LIMIT_EXPORT', 60, 0, 1_000_000),
      upload: reader.integer('RATE_LIMIT_UPLOAD', 300, 0, 1_000_000),
    },
  };
}

function parseCrashTest(reader: EnvReader, isProduction: boolean): CrashTestSettings | null {
  const killAt = reader.oneOf('MOTCUA_TEST_KILL_AT', ['none', 'before-commit', 'after-commit'] as const, 'none');
  const killOnCommit = reader.integer('MOTCUA_TEST_KILL_ON_COMMIT', 1, 1, 1_000_000);
  const acknowledgeBeforeCommit = reader.boolean('MOTCUA_TEST_ACK_BEFORE_COMMIT', false);
  if (killAt === 'none' && !acknowledgeBeforeCommit) return null;
  if (isProduction) reader.problem('MOTCUA_TEST_KILL_AT and MOTCUA_TEST_ACK_BEFORE_COMMIT are test-only fault injection: refused in production');
  return { killAt: killAt === 'none' ? null : killAt, killOnCommit, acknowledgeBeforeCommit };
}

const DEVELOPMENT_SIGNING_SECRET = 'motcua-development-only-signing-key-secret';

function parseDocuments(reader: EnvReader, isProduction: boolean, port: number): Config['documents'] {
  const signingKeySecret = reader.string('SIGNING_KEY_SECRET', isProduction ? '' : DEVELOPMENT_SIGNING_SECRET);
  // Unset in production: documents cannot be signed (a clear error when one is asked for); set: strong enough.
  if (isProduction && signingKeySecret !== '' && signingKeySecret.length < 32) reader.problem('SIGNING_KEY_SECRET must have at least 32 characters: it seals the units\' signing certificates');
  const publicBaseUrl = reader.string('PUBLIC_BASE_URL', reader.string('PUBLIC_URL', `http://localhost:${port}`));
  if (!/^https?:\/\/[^\s]+$/.test(publicBaseUrl)) reader.problem(`PUBLIC_BASE_URL must be an http(s) address (got "${publicBaseUrl}")`);
  return {
    publicBaseUrl,
    filesDir: path.resolve(reader.string('FILES_DIR', './data/files')),
    maxUploadBytes: reader.integer('UPLOAD_MAX_BYTES', 20 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024),
    signingKeySecret,
    allowDevelopmentCertificate: reader.boolean('DEVELOPMENT_CERTIFICATE', !isProduction),
  };
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

class EnvReader {
  constructor(private readonly env: Env, private readonly problems: string[]) {}

  problem(message: string): void {
    this.problems.push(message);
  }

  string(name: string, fallback: string): string {
    const value = this.env[name];
    return value === undefined || value === '' ? fallback : value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problem(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  number(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      this.problem(`${name} must be a number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    this.problem(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problem(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
